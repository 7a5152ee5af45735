"""After a shift: who came, and the hours that wait for a coordinator's approval.

Hours go through the volunteers feature's service records (``source='shift'``,
with ``project_id`` and ``assignment_id``); once approved they count on the
volunteer's certificate like any other hours.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.projects.adapter import local_zone
from volunteer_hub.projects.models import Assignment
from volunteer_hub.volunteers.models_hours import ServiceRecord
from volunteer_hub.volunteers.services_hours import approve_service, record_service

MARKABLE = ("invited", "confirmed", "attended", "no_show")


def hours_record(assignment: Assignment) -> ServiceRecord | None:
    """The service record made when the volunteer was marked as attended."""
    return db.session.scalar(
        select(ServiceRecord)
        .where(ServiceRecord.assignment_id == assignment.id)
        .order_by(ServiceRecord.id)
        .limit(1)
    )


def _description(assignment: Assignment) -> str:
    shift = assignment.shift
    day = shift.starts_at.astimezone(local_zone()).date()
    return f"{shift.project.name_zh} {day.isoformat()}"[:300]


def mark_attendance(
    assignment: Assignment, *, attended: bool, hours=None, user=None
) -> ServiceRecord | None:
    """Record whether the volunteer came; returns the hours record if they did.

    ``hours`` defaults to the shift's length. A volunteer marked as attended
    stays so (their hours can be corrected on the hours pages); someone marked
    as not coming can still be marked as attended. Raises DomainError before
    the shift has started, or for someone who was not on it.
    """
    shift = assignment.shift
    if shift.starts_at > clock.now():
        raise DomainError(_l("Attendance can be marked once the shift has started."))
    if assignment.status not in MARKABLE:
        raise DomainError(_l("This volunteer was not on this shift."))
    if assignment.status == "attended":
        raise DomainError(_l("Already marked as attended."))
    before = assignment.status
    assignment.status = "attended" if attended else "no_show"
    assignment.attendance_at = clock.now()
    entry = None
    if attended:
        entry = record_service(
            assignment.volunteer,
            served_on=shift.starts_at.astimezone(local_zone()).date(),
            hours=shift.hours if hours in (None, "") else hours,
            description=_description(assignment),
            source="shift",
            entered_by=user,
            entered_label=f"shift:{shift.id}",
            approve=False,
            project_id=shift.project_id,
            assignment_id=assignment.id,
        )
    record(
        "assignment.attendance",
        assignment,
        before={"status": before},
        after={"status": assignment.status, "hours": entry.hours if entry else None},
    )
    return entry


def approve_hours(assignment: Assignment, *, user=None) -> ServiceRecord:
    """Approve the hours of an attended volunteer; raises DomainError."""
    entry = hours_record(assignment)
    if entry is None:
        raise DomainError(_l("There are no hours to approve for this volunteer."))
    approve_service(entry, reviewer=user)
    return entry


def hours_total(entries) -> Decimal:
    return sum((e.hours for e in entries), Decimal("0"))
