"""What every page shares: first-run redirect, language switch, template context."""

from __future__ import annotations

from flask import (
    Flask,
    current_app,
    has_request_context,
    redirect,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_login import current_user

from volunteer_hub.auth.models import ROLE_LABELS
from volunteer_hub.i18n import html_lang
from volunteer_hub.navigation import STAFF_NAV
from volunteer_hub.organisation.services import organisation_profile

# Endpoints reachable before the organisation exists.
SETUP_EXEMPT = {"auth.setup", "static", "main.healthz"}


def _needs_setup() -> bool:
    # The organisation is never deleted: once it exists, a worker stops
    # loading it for this check (a redirect or a POST need not load it at all).
    if current_app.extensions.get("organisation_set_up"):
        return False
    if organisation_profile() is None:
        return True
    current_app.extensions["organisation_set_up"] = True
    return False


def nav_items():
    """The navigation entries the current user may open (none outside a request:
    a message rendered by a job or a signal receiver)."""
    if not has_request_context() or not current_user.is_authenticated:
        return []
    return [
        (endpoint, label)
        for endpoint, label, role in STAFF_NAV
        if current_user.has_role(role)
    ]


def url_with_lang(lang: str) -> str:
    """The current page's URL with ``lang`` switched, keeping other query values."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    if request.endpoint and request.method == "GET":
        return url_for(request.endpoint, **(request.view_args or {}), **args)
    return url_for("main.index", lang=lang)


def register_shell(app: Flask) -> None:
    @app.before_request
    def first_run():
        if request.endpoint in SETUP_EXEMPT or request.endpoint is None:
            return None
        if _needs_setup():
            return redirect(url_for("auth.setup"))
        return None

    @app.context_processor
    def shell_context():
        locale = get_locale()
        return {
            "role_labels": ROLE_LABELS,
            "organisation": organisation_profile(),
            "locale": str(locale),
            "html_lang": html_lang(locale),
            "nav_items": nav_items(),
            "url_with_lang": url_with_lang,
        }
