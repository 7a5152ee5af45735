"""Load the matcher's input records (`volunteer_hub.matching.model`) from the database.

One query per kind of fact (volunteers, specialties, weekly slots, bookings,
hours, attendance), whatever the number of volunteers, so that ranking ten
thousand people stays a handful of round trips.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Integer, and_, bindparam, case, func, select, true, type_coerce

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.matching import Candidate, ShiftSpec, Weights
from volunteer_hub.matching.pool import CandidatePool
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.projects.models import HOLDING, Assignment, MatchingSettings, Shift
from volunteer_hub.volunteers.models import (
    AvailabilityException,
    AvailabilitySlot,
    Specialty,
    Volunteer,
    VolunteerSpecialty,
)
from volunteer_hub.volunteers.models_hours import ServiceRecord, ServiceReview

# "Recently" for spreading the load: approved hours in this many days.
RECENT_DAYS = 90


def local_zone() -> ZoneInfo:
    """The organisation's time zone (Asia/Shanghai when unset or unknown)."""
    org = current_organisation()
    try:
        return ZoneInfo(getattr(org, "timezone", None) or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def current_weights() -> Weights:
    """The admin's weights, or the documented defaults."""
    row = db.session.scalar(select(MatchingSettings).limit(1))
    if row is None or not row.weights:
        return Weights()
    try:
        return Weights.from_mapping(row.weights)
    except (TypeError, ValueError):
        return Weights()


def shift_spec(shift: Shift, zone: ZoneInfo | None = None) -> ShiftSpec:
    """The matcher's view of ``shift``, on the organisation's local clock."""
    zone = zone or local_zone()
    specialty = shift.specialty
    return ShiftSpec(
        shift_id=shift.id,
        start=shift.starts_at.astimezone(zone),
        end=shift.ends_at.astimezone(zone),
        district=shift.district or shift.project.district or None,
        specialty_code=specialty.code if specialty is not None else None,
        min_level=shift.min_level if specialty is not None else None,
        requires_certificate=bool(shift.requires_certificate and specialty),
        slots=shift.slots,
    )


def _month_start(moment: datetime) -> datetime:
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _next_month(moment: datetime) -> datetime:
    return _month_start(_month_start(moment) + timedelta(days=32))


def _window(specs: Sequence[ShiftSpec]) -> tuple[datetime, datetime]:
    """From the first month start to the end of the last month (or last end)."""
    first = min(_month_start(spec.start) for spec in specs)
    last = max(max(_next_month(spec.start), spec.end) for spec in specs)
    return first, last


def _execute(statement, params: dict):
    """Rows of a column query, through the session's connection: the ORM's
    per-row work buys nothing for plain columns and costs half again as much
    as the query on ten thousand rows. Call `db.session.flush()` first."""
    return db.session.connection().execute(statement, params)


def _volunteer_filter(column, with_ids: bool):
    return column.in_(bindparam("ids", expanding=True)) if with_ids else true()


def _approved_records():
    return select(ServiceRecord).join(
        ServiceReview,
        and_(
            ServiceReview.record_id == ServiceRecord.id,
            ServiceReview.decision == "approved",
        ),
    )


@functools.cache
def _statements(with_ids: bool) -> dict:
    """The loader's SELECTs, with their values as parameters (``ids`` when
    ``with_ids``): built once, because building a statement and working out
    its cache key cost more than running the small ones (about a twentieth of
    a ranking of ten thousand, for nine of them)."""

    def volunteers(column):
        return _volunteer_filter(column, with_ids)

    weekday = case({day: 8**day for day in range(7)}, value=AvailabilitySlot.weekday)
    part = case({"morning": 1, "afternoon": 2}, value=AvailabilitySlot.part, else_=4)
    people = select(
        Volunteer.id,
        Volunteer.status,
        Volunteer.district,
        # As stored (0/1 on SQLite): a column with no result processor lets
        # each row keep the driver's tuple (the pool makes it a bool column).
        type_coerce(Volunteer.is_core, Integer),
        Volunteer.max_hours_per_month,
    ).order_by(Volunteer.id)
    return {
        "people": people.where(
            volunteers(Volunteer.id), Volunteer.status != "withdrawn"
        ),
        "people_and_withdrawn": people.where(volunteers(Volunteer.id)),
        # Held shifts in the window.
        "bookings": select(Assignment.volunteer_id, Shift.starts_at, Shift.ends_at)
        .join(Shift, Shift.id == Assignment.shift_id)
        .where(
            Assignment.status.in_(HOLDING),
            Shift.cancelled_at.is_(None),
            Shift.ends_at > bindparam("start"),
            Shift.starts_at < bindparam("end"),
            volunteers(Assignment.volunteer_id),
        ),
        # Approved hours entered by hand (not from a shift) in the window.
        "other_hours": _approved_records()
        .with_only_columns(
            ServiceRecord.volunteer_id, ServiceRecord.served_on, ServiceRecord.hours
        )
        .where(
            ServiceRecord.source != "shift",
            ServiceRecord.served_on >= bindparam("start"),
            ServiceRecord.served_on < bindparam("end"),
            volunteers(ServiceRecord.volunteer_id),
        ),
        "recent_hours": _approved_records()
        .with_only_columns(ServiceRecord.volunteer_id, func.sum(ServiceRecord.hours))
        .where(
            ServiceRecord.served_on >= bindparam("since"),
            volunteers(ServiceRecord.volunteer_id),
        )
        .group_by(ServiceRecord.volunteer_id),
        "attendance": select(Assignment.volunteer_id, Assignment.status, func.count())
        .where(
            Assignment.status.in_(("attended", "no_show")),
            volunteers(Assignment.volunteer_id),
        )
        .group_by(Assignment.volunteer_id, Assignment.status),
        "skills": select(
            VolunteerSpecialty.volunteer_id,
            Specialty.code,
            VolunteerSpecialty.level,
            VolunteerSpecialty.certificate_expiry,
        )
        .join(Specialty, Specialty.id == VolunteerSpecialty.specialty_id)
        .where(
            Specialty.code.in_(bindparam("codes", expanding=True)),
            volunteers(VolunteerSpecialty.volunteer_id),
        ),
        # Each volunteer's weekly slots as a mask (see ``matching.pool``),
        # summed in SQL: one row per volunteer instead of one per slot.
        "availability": select(AvailabilitySlot.volunteer_id, func.sum(weekday * part))
        .where(volunteers(AvailabilitySlot.volunteer_id))
        .group_by(AvailabilitySlot.volunteer_id),
        "exceptions": select(
            AvailabilityException.volunteer_id,
            AvailabilityException.day,
            AvailabilityException.part,
            AvailabilityException.available,
        ).where(
            AvailabilityException.day >= bindparam("start"),
            AvailabilityException.day <= bindparam("end"),
            volunteers(AvailabilityException.volunteer_id),
        ),
    }


def _run(name: str, ids, **params):
    """Rows of the loader's SELECT ``name`` for ``ids`` (None: everyone)."""
    if ids is not None:
        params["ids"] = ids
    return _execute(_statements(ids is not None)[name], params)


def _bookings(ids, start: datetime, end: datetime, zone: ZoneInfo):
    """Held shifts per volunteer in the window, and their hours per local month."""
    booked = defaultdict(list)
    hours = defaultdict(lambda: defaultdict(float))
    for volunteer_id, starts_at, ends_at in _run("bookings", ids, start=start, end=end):
        local = starts_at.astimezone(zone)
        booked[volunteer_id].append((local, ends_at.astimezone(zone)))
        hours[volunteer_id][(local.year, local.month)] += (
            ends_at - starts_at
        ).total_seconds() / 3600
    return booked, hours


def _other_hours(ids, start: date, end: date, hours) -> None:
    """Add approved hours not from a shift (entered by hand) to the months.

    Hours from shifts are already counted by their bookings, corrections included.
    """
    rows = _run("other_hours", ids, start=start, end=end)
    for volunteer_id, served_on, amount in rows:
        hours[volunteer_id][(served_on.year, served_on.month)] += float(amount)


def recent_hours(ids) -> dict[int, float]:
    since = clock.now().date() - timedelta(days=RECENT_DAYS)
    rows = _run("recent_hours", ids, since=since)
    return {vid: float(total or 0) for vid, total in rows}


def _attendance(ids) -> dict[int, dict[str, int]]:
    counts = defaultdict(dict)
    for volunteer_id, status, count in _run("attendance", ids):
        counts[volunteer_id][status] = count
    return counts


def _skills(ids, codes: set[str]) -> list[tuple[int, str, str, date | None]]:
    """Claims in the specialties ``codes`` only: the rules and the score read
    no other (a shift names one), and a city's roster has a dozen or more."""
    if not codes:
        return []
    return _run("skills", ids, codes=sorted(codes)).all()


def _availability(ids) -> dict[int, int]:
    # One fetch, not one per row; the pool makes the masks int64.
    return dict(_run("availability", ids).all())


def _exceptions(ids, start: date, end: date):
    exceptions = defaultdict(dict)
    for volunteer_id, day, part, available in _run(
        "exceptions", ids, start=start, end=end
    ):
        exceptions[volunteer_id][(day, part)] = available
    return exceptions


def load_pool(
    specs: Sequence[ShiftSpec],
    *,
    volunteer_ids: Iterable[int] | None = None,
    include_withdrawn: bool = False,
    zone: ZoneInfo | None = None,
) -> CandidatePool:
    """Every volunteer (or those in ``volunteer_ids``) as a candidate pool.

    Bookings and hours cover the months of ``specs`` (which must not be empty),
    specialty claims the specialties they name.
    Withdrawn people are left out unless asked for: they are anonymised and
    can never be assigned.
    """
    db.session.flush()  # the queries below go round the session's autoflush
    zone = zone or local_zone()
    ids = sorted(set(volunteer_ids)) if volunteer_ids is not None else None
    start, end = _window(specs)
    wanted = "people_and_withdrawn" if include_withdrawn else "people"
    people = _run(wanted, ids).all()
    booked, hours = _bookings(ids, start, end, zone)
    _other_hours(ids, start.date(), end.date() + timedelta(days=1), hours)
    first_day = min(spec.start.date() for spec in specs)
    last_day = max(spec.end.date() for spec in specs)
    return CandidatePool.from_rows(
        people,
        skills=_skills(ids, {spec.specialty_code for spec in specs} - {None}),
        availability=_availability(ids),
        recent_hours=recent_hours(ids),
        attendance=_attendance(ids),
        hours_by_month=hours,
        booked=booked,
        date_exceptions=_exceptions(ids, first_day, last_day),
    )


def load_candidates(
    specs: Sequence[ShiftSpec],
    *,
    volunteer_ids: Iterable[int] | None = None,
    include_withdrawn: bool = False,
    zone: ZoneInfo | None = None,
) -> list[Candidate]:
    """The volunteers of `load_pool` (same arguments) as `Candidate` records,
    ordered by id."""
    return load_pool(
        specs,
        volunteer_ids=volunteer_ids,
        include_withdrawn=include_withdrawn,
        zone=zone,
    ).candidates()
