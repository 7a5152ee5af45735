"""Which messages a staff member may read."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from volunteer_hub.auth.models import ROLES
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import (
    OUTBOX_STATUSES,
    WAITING_STATUSES,
    OutboxMessage,
)

# The list's filter for the messages staff still have to pass on by hand.
WAITING = "waiting"


def readable_by(user) -> list[str]:
    """The audiences whose messages ``user`` may read."""
    return [role for role in ROLES if user.has_role(role)]


def messages_for(user, status: str = "") -> Select:
    """Newest first, those ``user`` may read; only ``status`` when it is one
    (or ``waiting``: stored and failed ones, to pass on by hand)."""
    statement = (
        select(OutboxMessage)
        .where(OutboxMessage.audience.in_(readable_by(user)))
        .order_by(OutboxMessage.id.desc())
    )
    if status == WAITING:
        statement = statement.where(OutboxMessage.status.in_(WAITING_STATUSES))
    elif status in OUTBOX_STATUSES:
        statement = statement.where(OutboxMessage.status == status)
    return statement


def waiting_count(user) -> int:
    """How many messages ``user`` may read are waiting to be passed on."""
    statement = messages_for(user, WAITING).order_by(None)
    return db.session.scalar(select(func.count()).select_from(statement.subquery()))
