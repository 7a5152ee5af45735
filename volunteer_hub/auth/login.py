"""Flask-Login wiring: loading users from the session cookie."""

from __future__ import annotations

from flask import session
from flask_babel import lazy_gettext as _l
from flask_login import login_user

from volunteer_hub.auth.models import User
from volunteer_hub.extensions import db
from volunteer_hub.ids import MAX_ID, parse_id, parse_number


def load_user(user_id: str):
    """The user named by ``"<id>:<session_version>"``, if that session is current."""
    ident, _, version = (user_id or "").partition(":")
    ident, version = parse_id(ident), parse_number(version, maximum=MAX_ID)
    if ident is None or version is None:
        return None
    user = db.session.get(User, ident)
    if user is None or user.session_version != version or not user.is_active:
        return None
    return user


def start_session(user, *, remember: bool = False) -> None:
    """Log ``user`` in on a fresh session: nothing a visitor had in the cookie
    before (a planted value, an old form token) carries over, except the language.
    """
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    login_user(user, remember=remember)


def configure(manager) -> None:
    """Tell Flask-Login how to load a user and where the login page is."""
    manager.user_loader(load_user)
    manager.login_view = "auth.login"
    manager.login_message = _l("Please log in to open this page.")
    manager.login_message_category = "info"
    manager.session_protection = "basic"
