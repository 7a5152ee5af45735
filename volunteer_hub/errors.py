"""Domain errors raised by services, and the friendly HTTP error pages."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, flash, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from volunteer_hub.extensions import db


class DomainError(Exception):
    """A rule was broken; ``field`` names the form field the message belongs to."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


def attach_error(form, error: DomainError) -> None:
    """Show a service's error next to the field that caused it, or on the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def commit_or_flash(action: Callable[[], object], success: Callable[[], str]) -> bool:
    """Deprecated: use ``volunteer_hub.web.commit_service`` (then flash the
    success text when it returns a truthy outcome); this stays only until the
    last callers move.

    Run one button's service call as a view does, and say how it went.
    ``action`` calls the service; on DomainError the session is rolled back and
    the error's message flashed. Otherwise the session is committed once and
    ``success()`` (called only then, so it may read what the action changed) is
    flashed. Returns True when the action succeeded.
    """
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return False
    db.session.commit()
    flash(success(), "success")
    return True


ERROR_TEXT = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Not allowed"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("This page does not exist or has been moved.")),
    405: (_l("Not allowed"), _l("This action is not available here.")),
    413: (
        _l("File too large"),
        _l("What you sent is larger than allowed. Please choose a smaller file."),
    ),
    429: (
        _l("Too many attempts"),
        _l("There were too many attempts in a short time. Please try again later."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error happened. Nothing was saved. Please try again."),
    ),
}


PLAIN_HTTP_HELP = _l(
    "This site is opened over plain HTTP, but its cookies are set to travel only "
    "over HTTPS, so your browser cannot send any form. Whoever runs the server "
    "should serve it over HTTPS, or, on an office network without HTTPS, set "
    "SESSION_COOKIE_SECURE=false and restart it."
)


def render_error(code: int, detail=None):
    title, text = ERROR_TEXT.get(code, ERROR_TEXT[500])
    if request.accept_mimetypes.best == "application/json":
        return {"error": str(title), "status": code}, code
    return (
        render_template(
            "errors/error.html", code=code, title=title, text=detail or text
        ),
        code,
    )


def register_error_handlers(app: Flask) -> None:
    def handle_http(error):
        return render_error(error.code)

    def handle_too_large(error):
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if not limit:
            return render_error(413)
        size = f"{limit / 1024 / 1024:g}"
        return render_error(
            413,
            _l(
                "What you sent is larger than %(size)s MB, the most this site "
                "accepts. Please go back and choose a smaller file.",
                size=size,
            ),
        )

    def handle_csrf(error):
        if app.config.get("SESSION_COOKIE_SECURE") and not request.is_secure:
            # The browser keeps Secure cookies away from http:// pages, so the
            # form's session never comes back: no reload can help.
            return render_error(400, PLAIN_HTTP_HELP)
        return render_error(
            400,
            _l(
                "This form has expired or was sent from another page. "
                "Please go back, reload the page and try again."
            ),
        )

    def handle_500(error):
        db.session.rollback()
        return render_error(500)

    for code in (400, 403, 404, 405, 429):
        app.register_error_handler(code, handle_http)
    app.register_error_handler(413, handle_too_large)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(500, handle_500)
