"""Security headers on every response; requests carrying a NUL refused."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import lazy_gettext as _l

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if response.mimetype == "text/html":
            headers.setdefault("Cache-Control", "no-store")
        return response


def register_input_guard(app: Flask) -> None:
    """Answer 400 to any query or form value with a NUL character.

    No field takes one, and PostgreSQL cannot store or even compare text that
    holds one: a search for it would fail in the database instead of finding
    nothing.
    """

    @app.before_request
    def refuse_nul():
        from volunteer_hub.errors import render_error

        pairs = [*request.args.items(multi=True), *request.form.items(multi=True)]
        if any("\x00" in key + value for key, value in pairs):
            return render_error(
                400, _l("What you sent contains a character that is not allowed.")
            )
        return None
