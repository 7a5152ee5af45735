"""Service hours: record, approve or reject, correct, and add up.

The rule (see ``hours.models``): rows are only ever added; a record counts when
it has an ``approved`` review; a correction is a reversal plus a replacement.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select
from sqlalchemy.orm.attributes import set_committed_value

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.hours.models import (
    RECORD_SOURCES,
    ServiceRecord,
    ServiceReview,
)
from volunteer_hub.volunteers.models import Volunteer

MAX_HOURS_PER_RECORD = Decimal("24")
STEP = Decimal("0.25")


def clean_hours(value) -> Decimal:
    """Hours as a Decimal in quarter hours, more than 0 and at most 24."""
    try:
        hours = Decimal(str(value).strip().replace("，", ".").replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(
            _l("Enter the hours as a number, e.g. 2.5."), "hours"
        ) from None
    if not hours.is_finite() or not 0 < hours <= MAX_HOURS_PER_RECORD:
        raise DomainError(_l("Enter between 0.25 and 24 hours."), "hours")
    if hours % STEP:
        raise DomainError(_l("Use quarter hours: .25, .5 or .75."), "hours")
    return hours.quantize(Decimal("0.01"))


def _clean_text(value, field, limit, required=False) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise DomainError(_l("This field is required."), field)
    if len(text) > limit:
        raise DomainError(_l("At most %(n)d characters, please.", n=limit), field)
    return text


def _check_date(served_on) -> date:
    if not isinstance(served_on, date):
        raise DomainError(_l("Enter a date."), "served_on")
    if served_on > clock.now().date():
        raise DomainError(_l("The date cannot be in the future."), "served_on")
    return served_on


def _audit(record_: ServiceRecord) -> dict:
    return {
        "volunteer_id": record_.volunteer_id,
        "served_on": record_.served_on,
        "hours": record_.hours,
        "source": record_.source,
        "reverses_id": record_.reverses_id,
        "replaces_id": record_.replaces_id,
    }


def record_service(
    volunteer: Volunteer,
    *,
    served_on: date,
    hours,
    description: str,
    note: str = "",
    source: str = "manual",
    entered_by=None,
    entered_label: str = "",
    approve: bool | None = None,
    **columns,
) -> ServiceRecord:
    """Add hours a volunteer served; returns the record.

    ``approve`` defaults to True for hours a coordinator enters (``manual``)
    and False for hours from an attended shift, which wait for review.
    ``columns`` are further ServiceRecord columns other features add (for
    example ``project_id`` / ``assignment_id``). Raises DomainError.
    """
    if source not in RECORD_SOURCES:
        raise DomainError(_l("Unknown source of hours."))
    entry = ServiceRecord(
        volunteer_id=volunteer.id,
        served_on=_check_date(served_on),
        hours=clean_hours(hours),
        description=_clean_text(description, "description", 300, required=True),
        note=_clean_text(note, "note", 500),
        source=source,
        entered_by_id=getattr(entered_by, "id", None),
        entered_label=entered_label[:100],
        **columns,
    )
    db.session.add(entry)
    db.session.flush()
    record("service.record", entry, after=_audit(entry))
    if approve is None:
        approve = source == "manual"
    if approve:
        approve_service(entry, reviewer=entered_by)
    return entry


def _review(entry: ServiceRecord, decision: str, reviewer, note: str):
    if db.session.scalar(
        select(ServiceReview.id).where(ServiceReview.record_id == entry.id)
    ):
        raise DomainError(_l("These hours have already been reviewed."))
    review = ServiceReview(
        record_id=entry.id,
        decision=decision,
        note=_clean_text(note, "note", 500),
        reviewed_by_id=getattr(reviewer, "id", None),
    )
    db.session.add(review)
    db.session.flush()
    # Fill entry.review without marking the append-only record as changed.
    set_committed_value(entry, "review", review)
    action = "service.approve" if decision == "approved" else "service.reject"
    record(action, entry, after={"decision": decision}, note=note)
    return review


def approve_service(entry: ServiceRecord, *, reviewer=None, note: str = ""):
    """Approve a record so that it counts; raises DomainError if reviewed."""
    return _review(entry, "approved", reviewer, note)


def reject_service(entry: ServiceRecord, *, reviewer=None, note: str = ""):
    """Reject a waiting record (it will never count); a note is required."""
    if not (note or "").strip():
        raise DomainError(_l("Please give a reason."), "note")
    return _review(entry, "rejected", reviewer, note)


def is_reversed(entry: ServiceRecord) -> bool:
    return (
        db.session.scalar(
            select(ServiceRecord.id).where(ServiceRecord.reverses_id == entry.id)
        )
        is not None
    )


def correct_service(
    entry: ServiceRecord,
    *,
    reason: str,
    corrected_by=None,
    cancel: bool = False,
    **changes,
):
    """Correct a record by new rows; returns ``(reversal_or_None, replacement)``.

    ``changes`` may hold served_on, hours, description and note; missing ones
    are copied. ``cancel=True`` only takes the hours back (replacement None).
    An approved record is reversed (both new rows approved at once); a record
    still waiting is rejected and the replacement waits in its place.
    Raises DomainError for a missing reason, a reversal, a rejected record or
    one already corrected.
    """
    reason = _clean_text(reason, "reason", 500, required=True)
    decision = entry.review.decision if entry.review else None
    if entry.is_reversal or decision == "rejected" or is_reversed(entry):
        raise DomainError(_l("These hours can no longer be corrected."))
    if decision is None:
        reject_service(entry, reviewer=corrected_by, note=reason)
        reversal = None
    else:
        reversal = _reverse(entry, reason, corrected_by)
    if cancel:
        return reversal, None
    replacement = _replacement(entry, reason, corrected_by, decision, changes)
    return reversal, replacement


def _reverse(entry, reason, user) -> ServiceRecord:
    reversal = ServiceRecord(
        volunteer_id=entry.volunteer_id,
        served_on=entry.served_on,
        hours=-entry.hours,
        description=entry.description,
        source=entry.source,
        reverses_id=entry.id,
        reason=reason,
        entered_by_id=getattr(user, "id", None),
        # Corrections stay with the project, so totals per project stay true.
        project_id=entry.project_id,
    )
    db.session.add(reversal)
    db.session.flush()
    record("service.reverse", reversal, after=_audit(reversal), note=reason)
    approve_service(reversal, reviewer=user, note=reason)
    return reversal


def _replacement(entry, reason, user, decision, changes) -> ServiceRecord:
    values = {
        "served_on": changes.get("served_on") or entry.served_on,
        "hours": changes.get("hours") or entry.hours,
        "description": changes.get("description") or entry.description,
        "note": changes.get("note", entry.note) or "",
    }
    volunteer = db.session.get(Volunteer, entry.volunteer_id)
    new = record_service(
        volunteer,
        source=entry.source,
        entered_by=user,
        approve=decision == "approved",
        replaces_id=entry.id,
        reason=reason,
        project_id=entry.project_id,
        **values,
    )
    return new


def approved_filter(volunteer_id=None, start: date | None = None, end=None):
    """The WHERE conditions of 'approved hours' for a volunteer and period."""
    conditions = [ServiceReview.decision == "approved"]
    if volunteer_id is not None:
        conditions.append(ServiceRecord.volunteer_id == volunteer_id)
    if start is not None:
        conditions.append(ServiceRecord.served_on >= start)
    if end is not None:
        conditions.append(ServiceRecord.served_on <= end)
    return and_(*conditions)


def approved_hours(volunteer_id=None, start: date | None = None, end=None) -> Decimal:
    """Approved hours of one volunteer (or everyone) in [start, end], inclusive."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(ServiceRecord.hours), 0))
        .join(ServiceReview, ServiceReview.record_id == ServiceRecord.id)
        .where(approved_filter(volunteer_id, start, end))
    )
    return Decimal(total).quantize(Decimal("0.01"))


def effective_records(volunteer_id, start=None, end=None) -> list[ServiceRecord]:
    """Approved records that still stand (not reversals, not reversed), by date.

    Their hours add up to :func:`approved_hours` for the same period.
    """
    reversed_ids = select(ServiceRecord.reverses_id).where(
        ServiceRecord.reverses_id.is_not(None)
    )
    statement = (
        select(ServiceRecord)
        .join(ServiceReview, ServiceReview.record_id == ServiceRecord.id)
        .where(
            approved_filter(volunteer_id, start, end),
            ServiceRecord.reverses_id.is_(None),
            ServiceRecord.id.not_in(reversed_ids),
        )
        .order_by(ServiceRecord.served_on, ServiceRecord.id)
    )
    return list(db.session.scalars(statement))


def history(volunteer_id) -> list[ServiceRecord]:
    """Every record of a volunteer, newest first, for staff and the volunteer."""
    return list(
        db.session.scalars(
            select(ServiceRecord)
            .where(ServiceRecord.volunteer_id == volunteer_id)
            .order_by(ServiceRecord.served_on.desc(), ServiceRecord.id.desc())
        )
    )


def can_correct(entry: ServiceRecord) -> bool:
    """False for a reversal, a rejected record or one already corrected."""
    rejected = entry.review is not None and entry.review.decision == "rejected"
    return not (entry.is_reversal or rejected or is_reversed(entry))


def review_service(entry: ServiceRecord, *, reject: bool, reviewer, note: str = ""):
    """Approve or (with a note) reject a waiting record; raises DomainError."""
    if reject:
        return reject_service(entry, reviewer=reviewer, note=note)
    return approve_service(entry, reviewer=reviewer, note=note)


def volunteer_names(records: list[ServiceRecord]) -> dict[int, str]:
    """{volunteer id: name} of the volunteers who served ``records``."""
    ids = {entry.volunteer_id for entry in records}
    rows = db.session.execute(
        select(Volunteer.id, Volunteer.name).where(Volunteer.id.in_(ids))
    )
    return dict(rows.tuples().all())


def waiting_records(limit: int = 200) -> list[ServiceRecord]:
    """Records without a review (hours from shifts waiting for approval)."""
    return list(
        db.session.scalars(
            select(ServiceRecord)
            .outerjoin(ServiceReview, ServiceReview.record_id == ServiceRecord.id)
            .where(ServiceReview.id.is_(None))
            .order_by(ServiceRecord.served_on, ServiceRecord.id)
            .limit(limit)
        )
    )
