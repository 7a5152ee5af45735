"""The volunteer report for a period: who served, how many hours, in what.

Hours follow ``people/hours.py`` (approved hours, net of corrections).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, func, select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.reports.people.hours import (
    HOURS,
    VolunteerFilters,
    attendance,
    by_activity,
    counted,
    hours,
    per_volunteer,
    totals,
)
from volunteer_hub.reports.periods import Period, bucket, month_keys
from volunteer_hub.volunteers.models import Specialty, Volunteer, VolunteerSpecialty
from volunteer_hub.volunteers.models_hours import ServiceRecord

TOP_VOLUNTEERS = 10
EXPIRY_WINDOW_DAYS = 60


@dataclass
class VolunteerReport:
    period: Period
    filters: VolunteerFilters
    total_hours: Decimal = HOURS
    active: int = 0
    new_signups: int = 0
    new_active: int = 0
    core: int = 0
    core_served: int = 0
    by_specialty: list[tuple[Specialty, int, Decimal]] = field(default_factory=list)
    by_activity: list[dict] = field(default_factory=list)
    by_month: list[tuple[str, Decimal]] = field(default_factory=list)
    top: list[dict] = field(default_factory=list)
    attendance: dict | None = None
    expiring: list[dict] = field(default_factory=list)


def signups(period: Period, filters: VolunteerFilters) -> tuple[int, int]:
    """Volunteers whose record was created in the period, and of them active now."""
    conditions = period.timestamp_filter(Volunteer.created_at)
    if filters.specialty_id:
        conditions.append(_has_specialty(filters.specialty_id))
    new, active = db.session.execute(
        select(
            func.count(Volunteer.id),
            func.sum(case((Volunteer.status == "active", 1), else_=0)),
        ).where(*conditions)
    ).one()
    return int(new or 0), int(active or 0)


def _has_specialty(specialty_id: int):
    return (
        select(VolunteerSpecialty.id)
        .where(
            VolunteerSpecialty.volunteer_id == Volunteer.id,
            VolunteerSpecialty.specialty_id == specialty_id,
        )
        .exists()
    )


def core_counts(period: Period, filters: VolunteerFilters) -> tuple[int, int]:
    """Active core volunteers now, and how many of them served in the period."""
    served = per_volunteer(period, filters)
    conditions = [Volunteer.is_core.is_(True), Volunteer.status == "active"]
    if filters.specialty_id:
        conditions.append(_has_specialty(filters.specialty_id))
    core, core_served = db.session.execute(
        select(func.count(Volunteer.id), func.count(served.c.volunteer_id))
        .select_from(Volunteer)
        .outerjoin(served, served.c.volunteer_id == Volunteer.id)
        .where(*conditions)
    ).one()
    return int(core or 0), int(core_served or 0)


def by_specialty(period: Period, filters: VolunteerFilters) -> list:
    """(specialty, volunteers who served, their hours) for each specialty held."""
    served = per_volunteer(period, filters)
    conditions = []
    if filters.specialty_id:
        conditions.append(Specialty.id == filters.specialty_id)
    rows = db.session.execute(
        select(
            Specialty,
            func.count(served.c.volunteer_id),
            func.sum(served.c.hours),
        )
        .join(VolunteerSpecialty, VolunteerSpecialty.specialty_id == Specialty.id)
        .join(served, served.c.volunteer_id == VolunteerSpecialty.volunteer_id)
        .where(*conditions)
        .group_by(Specialty.id)
        .order_by(func.sum(served.c.hours).desc(), Specialty.position, Specialty.id)
    )
    return [(specialty, int(n), hours(h)) for specialty, n, h in rows]


def by_month(period: Period, filters: VolunteerFilters) -> list[tuple[str, Decimal]]:
    statement, _project = counted(period, filters)
    key = bucket(ServiceRecord.served_on, "month").label("month")
    rows = db.session.execute(
        statement.add_columns(key, func.sum(ServiceRecord.hours)).group_by(key)
    )
    found = {month: hours(total) for month, total in rows}
    if period.start and period.end:
        return [(k, found.get(k, HOURS)) for k in month_keys(period.start, period.end)]
    return sorted(found.items())


def top_volunteers(period: Period, filters: VolunteerFilters) -> list[dict]:
    served = per_volunteer(period, filters)
    rows = db.session.execute(
        select(Volunteer.id, Volunteer.name, Volunteer.is_core, served.c.hours)
        .join(served, served.c.volunteer_id == Volunteer.id)
        .order_by(served.c.hours.desc(), Volunteer.id)
        .limit(TOP_VOLUNTEERS)
    )
    return [
        {"id": vid, "name": name, "is_core": bool(core), "hours": hours(h)}
        for vid, name, core, h in rows
    ]


def expiring_certificates(today: date, filters: VolunteerFilters) -> list[dict]:
    """Certificates of volunteers still with us that expire within 60 days."""
    conditions = [
        VolunteerSpecialty.certificate_expiry.between(
            today, today + timedelta(days=EXPIRY_WINDOW_DAYS)
        ),
        Volunteer.status.in_(("active", "pending")),
    ]
    if filters.specialty_id:
        conditions.append(VolunteerSpecialty.specialty_id == filters.specialty_id)
    rows = db.session.execute(
        select(
            Volunteer.id,
            Volunteer.name,
            Specialty,
            VolunteerSpecialty.certificate_name,
            VolunteerSpecialty.certificate_expiry,
        )
        .join(VolunteerSpecialty, VolunteerSpecialty.volunteer_id == Volunteer.id)
        .join(Specialty, Specialty.id == VolunteerSpecialty.specialty_id)
        .where(and_(*conditions))
        .order_by(VolunteerSpecialty.certificate_expiry, Volunteer.id)
        .limit(200)
    )
    return [
        {
            "id": vid,
            "name": name,
            "specialty": spec,
            "certificate": cert,
            "expiry": expiry,
        }
        for vid, name, spec, cert, expiry in rows
    ]


def volunteer_report(
    period: Period, filters: VolunteerFilters | None = None, today: date | None = None
) -> VolunteerReport:
    """Everything the volunteer report shows; ``today`` (local) dates the
    certificates that expire soon."""
    filters = filters or VolunteerFilters()
    today = today or clock.now().astimezone(period.tz).date()
    total, active = totals(period, filters)
    new, new_active = signups(period, filters)
    core, core_served = core_counts(period, filters)
    return VolunteerReport(
        period=period,
        filters=filters,
        total_hours=total,
        active=active,
        new_signups=new,
        new_active=new_active,
        core=core,
        core_served=core_served,
        by_specialty=by_specialty(period, filters),
        by_activity=by_activity(period, filters),
        attendance=attendance(period, filters),
        by_month=by_month(period, filters),
        top=top_volunteers(period, filters),
        expiring=expiring_certificates(today, filters),
    )
