"""What the coordinators' page of a volunteer reads besides the record."""

from __future__ import annotations

from sqlalchemy import select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.models import CoreFlagChange, Volunteer


def recent_events(volunteer: Volunteer, limit: int = 50) -> list[AuditEvent]:
    """The newest audit events about the volunteer (they hold no personal data)."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.entity_type == "volunteers",
                AuditEvent.entity_id == str(volunteer.id),
            )
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
    )


def core_history(volunteer: Volunteer) -> list[CoreFlagChange]:
    """Each marking and unmarking as a core volunteer, newest first."""
    return list(
        db.session.scalars(
            select(CoreFlagChange)
            .where(CoreFlagChange.volunteer_id == volunteer.id)
            .order_by(CoreFlagChange.id.desc())
        )
    )
