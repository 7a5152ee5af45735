"""Lists of staff accounts."""

from __future__ import annotations

from sqlalchemy import select

from volunteer_hub.auth.models import User
from volunteer_hub.extensions import db


def staff_list() -> list[User]:
    """Active accounts first, then by name."""
    return db.session.scalars(
        select(User).order_by(User.active.desc(), User.name)
    ).all()


def staff_by_name() -> list[User]:
    return db.session.scalars(select(User).order_by(User.name)).all()


def all_staff() -> list[User]:
    """Every account, oldest first (the command line's list)."""
    return db.session.scalars(select(User).order_by(User.id)).all()
