"""Projects and shifts: create, edit, copy into a weekly series, cancel.

Bookings (assignments) live in ``projects.booking``; invitations and replies
in ``projects.invitations``; attendance and hours in ``projects.attendance``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import LEVELS
from volunteer_hub.projects.adapter import local_zone
from volunteer_hub.projects.booking.services import release
from volunteer_hub.projects.models import PROJECT_STATUSES, Project, Shift
from volunteer_hub.volunteers.models import Specialty

PROJECT_FIELDS = (
    "name_zh",
    "name_en",
    "description",
    "place",
    "district",
    "start_date",
    "end_date",
    "status",
    "partner",
)
SHIFT_FIELDS = (
    "starts_at",
    "ends_at",
    "place",
    "district",
    "specialty_id",
    "min_level",
    "requires_certificate",
    "slots",
    "notes",
)
MAX_SHIFT_HOURS = 24
MAX_SERIES_WEEKS = 26
MAX_SLOTS = 500


def _text(values: dict, key: str, limit: int, required: bool = False) -> str:
    value = (
        " ".join(str(values.get(key) or "").split())
        if key != "description"
        else (str(values.get(key) or "").strip())
    )
    if required and not value:
        raise DomainError(_l("This field is required."), key)
    if len(value) > limit:
        raise DomainError(_l("At most %(n)d characters, please.", n=limit), key)
    return value


def _clean_project(values: dict) -> dict:
    cleaned = {
        "name_zh": _text(values, "name_zh", 200, required=True),
        "name_en": _text(values, "name_en", 200),
        "description": _text(values, "description", 5000),
        "place": _text(values, "place", 300),
        "district": _text(values, "district", 100),
        "partner": _text(values, "partner", 200),
        "status": values.get("status") or "planning",
        "start_date": values.get("start_date"),
        "end_date": values.get("end_date"),
    }
    if cleaned["status"] not in PROJECT_STATUSES:
        raise DomainError(_l("Choose a status from the list."), "status")
    for key in ("start_date", "end_date"):
        if cleaned[key] is not None and not isinstance(cleaned[key], date):
            raise DomainError(_l("Enter a date."), key)
    start, end = cleaned["start_date"], cleaned["end_date"]
    if start and end and end < start:
        raise DomainError(_l("The end date cannot be before the start."), "end_date")
    return cleaned


def _specialties(ids) -> list[Specialty]:
    ids = sorted({int(i) for i in ids or ()})
    found = db.session.scalars(select(Specialty).where(Specialty.id.in_(ids))).all()
    if len(found) != len(ids):
        raise DomainError(_l("Choose specialties from the list."), "specialty_ids")
    return list(found)


def create_project(*, created_by=None, specialty_ids=(), **values) -> Project:
    """Add a project; raises DomainError naming the field at fault."""
    project = Project(
        **_clean_project(values), created_by_id=getattr(created_by, "id", None)
    )
    project.specialties = _specialties(specialty_ids)
    db.session.add(project)
    db.session.flush()
    after = snapshot(project, PROJECT_FIELDS)
    after["specialties"] = [s.code for s in project.specialties]
    record("project.create", project, after=after)
    return project


def update_project(project: Project, *, specialty_ids=None, **values) -> None:
    """Change a project's details (audited); raises DomainError."""
    before = snapshot(project, PROJECT_FIELDS)
    before["specialties"] = [s.code for s in project.specialties]
    for key, value in _clean_project({**before, **values}).items():
        setattr(project, key, value)
    if specialty_ids is not None:
        project.specialties = _specialties(specialty_ids)
    after = snapshot(project, PROJECT_FIELDS)
    after["specialties"] = [s.code for s in project.specialties]
    old, new = changed_fields(before, after)
    if new:
        record("project.update", project, before=old, after=new)


def combine_local(day: date, at: time, zone: ZoneInfo | None = None) -> datetime:
    """A local date and wall-clock time as an aware datetime in UTC."""
    return datetime.combine(day, at, tzinfo=zone or local_zone()).astimezone(UTC)


def _clean_shift(values: dict) -> dict:
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if not isinstance(starts_at, datetime) or starts_at.tzinfo is None:
        raise DomainError(_l("Enter the start date and time."), "start_time")
    if not isinstance(ends_at, datetime) or ends_at.tzinfo is None:
        raise DomainError(_l("Enter the end time."), "end_time")
    if ends_at <= starts_at:
        raise DomainError(_l("The shift must end after it starts."), "end_time")
    if ends_at - starts_at > timedelta(hours=MAX_SHIFT_HOURS):
        raise DomainError(_l("A shift can last at most 24 hours."), "end_time")
    slots = values.get("slots")
    if (
        not isinstance(slots, int)
        or isinstance(slots, bool)
        or not 1 <= slots <= MAX_SLOTS
    ):
        raise DomainError(_l("Enter a number of volunteers from 1 to 500."), "slots")
    specialty_id = values.get("specialty_id") or None
    if specialty_id is not None and db.session.get(Specialty, specialty_id) is None:
        raise DomainError(_l("Choose a specialty from the list."), "specialty_id")
    min_level = values.get("min_level") or None
    if min_level is not None and min_level not in LEVELS:
        raise DomainError(_l("Choose a level from the list."), "min_level")
    requires_certificate = bool(values.get("requires_certificate"))
    if specialty_id is None and (min_level or requires_certificate):
        raise DomainError(
            _l("Choose the specialty that the level or certificate is for."),
            "specialty_id",
        )
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": _text(values, "place", 300),
        "district": _text(values, "district", 100),
        "specialty_id": specialty_id,
        "min_level": min_level,
        "requires_certificate": requires_certificate,
        "slots": slots,
        "notes": _text(values, "notes", 1000),
    }


def _check_open(project: Project) -> None:
    if project.status in ("completed", "cancelled"):
        raise DomainError(_l("This project is closed; reopen it to change shifts."))


def create_shift(project: Project, **values) -> Shift:
    """Add a shift to ``project``; raises DomainError naming the field at fault."""
    _check_open(project)
    shift = Shift(project=project, **_clean_shift(values))
    db.session.add(shift)
    db.session.flush()
    record("shift.create", shift, after=snapshot(shift, ("project_id", *SHIFT_FIELDS)))
    return shift


def update_shift(shift: Shift, **values) -> None:
    """Change a shift. Times cannot move while volunteers hold it (they agreed
    to the old times): take them off or cancel the shift instead."""
    _check_open(shift.project)
    if shift.is_cancelled:
        raise DomainError(_l("This shift has been cancelled."))
    before = snapshot(shift, SHIFT_FIELDS)
    cleaned = _clean_shift(
        {
            **before,
            **values,
            "starts_at": values.get("starts_at", shift.starts_at),
            "ends_at": values.get("ends_at", shift.ends_at),
        }
    )
    moved = (cleaned["starts_at"], cleaned["ends_at"]) != (
        shift.starts_at,
        shift.ends_at,
    )
    held = shift.filled()
    if moved and held:
        raise DomainError(
            _l(
                "Volunteers are already on this shift; "
                "take them off before changing its times."
            ),
            "start_time",
        )
    if cleaned["slots"] < held:
        raise DomainError(
            _l(
                "%(n)d volunteers already hold this shift; take some off first.", n=held
            ),
            "slots",
        )
    for key, value in cleaned.items():
        setattr(shift, key, value)
    old, new = changed_fields(before, snapshot(shift, SHIFT_FIELDS))
    if new:
        record("shift.update", shift, before=old, after=new)


def series_dates(
    shift: Shift, weeks: int, weekdays, zone: ZoneInfo | None = None
) -> list[date]:
    """The local dates a weekly copy of ``shift`` falls on, after the shift itself.

    ``weeks`` counts the shift's own week; ``weekdays`` are 0 (Monday) … 6.
    """
    zone = zone or local_zone()
    first = shift.starts_at.astimezone(zone).date()
    monday = first - timedelta(days=first.weekday())
    days = {
        monday + timedelta(days=7 * week + weekday)
        for week in range(weeks)
        for weekday in weekdays
    }
    return sorted(day for day in days if day > first)


def copy_shift(shift: Shift, *, weeks: int, weekdays) -> list[Shift]:
    """Copy ``shift`` to the same local time on each day of a weekly series.

    Days that already have an identical shift in the project are skipped, so
    running it twice does not double the series. Raises DomainError.
    """
    _check_open(shift.project)
    weekdays = sorted({int(day) for day in weekdays or ()})
    if not weekdays or any(day not in range(7) for day in weekdays):
        raise DomainError(_l("Choose at least one day of the week."), "weekdays")
    if not isinstance(weeks, int) or not 1 <= weeks <= MAX_SERIES_WEEKS:
        raise DomainError(_l("Enter a number of weeks from 1 to 26."), "weeks")
    zone = local_zone()
    start = shift.starts_at.astimezone(zone)
    length = shift.ends_at - shift.starts_at
    existing = {
        (s.starts_at, s.ends_at, s.specialty_id)
        for s in shift.project.shifts
        if not s.is_cancelled
    }
    copies = []
    for day in series_dates(shift, weeks, weekdays, zone):
        starts_at = combine_local(day, start.time(), zone)
        key = (starts_at, starts_at + length, shift.specialty_id)
        if key in existing:
            continue
        values = {k: getattr(shift, k) for k in SHIFT_FIELDS}
        values.update(starts_at=starts_at, ends_at=starts_at + length)
        copy = Shift(project=shift.project, copied_from_id=shift.id, **values)
        db.session.add(copy)
        copies.append(copy)
        existing.add(key)
    db.session.flush()
    record(
        "shift.copy",
        shift,
        after={"copies": [c.id for c in copies], "weeks": weeks, "weekdays": weekdays},
    )
    return copies


def cancel_shift(shift: Shift, *, reason: str = "") -> None:
    """Cancel a shift and take everyone off it (they are told by the caller)."""
    if shift.is_cancelled:
        raise DomainError(_l("This shift has already been cancelled."))
    shift.cancelled_at = clock.now()
    for assignment in shift.assignments:
        if assignment.status in ("proposed", "invited", "confirmed"):
            release(assignment, "cancelled", note=reason)
    record(
        "shift.cancel", shift, after={"cancelled_at": shift.cancelled_at}, note=reason
    )
