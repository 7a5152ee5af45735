from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db


class AuditEvent(db.Model):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # For actions without a staff account: "public", "volunteer:12", "cli" …
    actor_label: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(500), default="")
    ip_address: Mapped[str | None] = mapped_column(String(45))


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a record that is append-only."""


def forbid_changes(model) -> None:
    """Make the ORM refuse UPDATE and DELETE of rows of ``model``."""

    def refuse(mapper, connection, target):
        raise AppendOnlyError(f"{model.__tablename__} rows are append-only")

    event.listen(model, "before_update", refuse)
    event.listen(model, "before_delete", refuse)


forbid_changes(AuditEvent)
