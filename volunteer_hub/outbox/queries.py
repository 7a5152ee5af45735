"""Which messages a staff member may read."""

from __future__ import annotations

from sqlalchemy import Select, select

from volunteer_hub.auth.models import ROLES
from volunteer_hub.outbox.models import OUTBOX_STATUSES, OutboxMessage


def readable_by(user) -> list[str]:
    """The audiences whose messages ``user`` may read."""
    return [role for role in ROLES if user.has_role(role)]


def messages_for(user, status: str = "") -> Select:
    """Newest first, those ``user`` may read; only ``status`` when it is one."""
    statement = (
        select(OutboxMessage)
        .where(OutboxMessage.audience.in_(readable_by(user)))
        .order_by(OutboxMessage.id.desc())
    )
    if status in OUTBOX_STATUSES:
        statement = statement.where(OutboxMessage.status == status)
    return statement
