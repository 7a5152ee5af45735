"""What the coordinators' page of a volunteer reads besides the record."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
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


MISSING_LABELS = {
    "specialties": _l("What you would like to help with"),
    "availability": _l("When you can usually help"),
    "email": _l("An e-mail address, to receive your personal link"),
    "max_hours_per_month": _l("How many hours a month you can give"),
    "id_number": _l("Your ID number, for official service certificates"),
}


def missing_details(volunteer: Volunteer, *, collect_id_number: bool):
    """``[(key, label, endpoint, anchor), …]``: what the volunteer has not told
    yet (the short sign-up leaves these for the personal page)."""
    missing = []
    if not volunteer.specialties:
        missing.append(("specialties", "volunteers.me_edit", "specialties"))
    if not volunteer.slots:
        missing.append(("availability", "volunteers.me_availability", None))
    if not volunteer.email:
        missing.append(("email", "volunteers.me_edit", "email"))
    if not volunteer.max_hours_per_month:
        missing.append(
            ("max_hours_per_month", "volunteers.me_edit", "max_hours_per_month")
        )
    if collect_id_number and not volunteer.id_number_masked:
        missing.append(("id_number", "volunteers.me_edit", "id_number"))
    return [(key, MISSING_LABELS[key], page, anchor) for key, page, anchor in missing]
