"""The blueprint of staff accounts, log-in and set-up, and its loader."""

from __future__ import annotations

from flask import Blueprint

from volunteer_hub.auth.models import User
from volunteer_hub.extensions import db

bp = Blueprint("auth", __name__)


def user_or_404(user_id: int) -> User:
    return db.get_or_404(User, user_id)
