"""Approved service hours as SQL: the rule every hours figure follows, and the
hours by project (or activity) and the attendance built on it.

Hours are the volunteers feature's *approved hours*: ``service_records`` with an
``approved`` review, summed. A correction adds a reversal (minus the hours, same
date) and a replacement, so plain sums are already net. Hours from a shift carry
``project_id``; a reversal or a replacement that does not repeat it belongs to
the project of the record it reverses or replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import aliased

from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Assignment, Project, Shift
from volunteer_hub.reports.periods import Period
from volunteer_hub.volunteers.models import VolunteerSpecialty
from volunteer_hub.volunteers.models_hours import ServiceRecord, ServiceReview

HOURS = Decimal("0.00")


def hours(value) -> Decimal:
    return Decimal(value or 0).quantize(HOURS)


@dataclass
class VolunteerFilters:
    specialty_id: int | None = None
    project_id: int | None = None


def approved_records(period: Period, filters: VolunteerFilters) -> list:
    """Conditions for the approved records a report counts (needs the review join)."""
    conditions = [
        ServiceReview.decision == "approved",
        *period.date_filter(ServiceRecord.served_on),
    ]
    if filters.specialty_id:
        conditions.append(
            select(VolunteerSpecialty.id)
            .where(
                VolunteerSpecialty.volunteer_id == ServiceRecord.volunteer_id,
                VolunteerSpecialty.specialty_id == filters.specialty_id,
            )
            .exists()
        )
    return conditions


def hours_from():
    """(statement, project): ``service_records`` joined to their review and to the
    records they reverse or replace; ``project`` is the project id they count for."""
    reversed_ = aliased(ServiceRecord)
    replaced = aliased(ServiceRecord)
    statement = (
        select()
        .select_from(ServiceRecord)
        .join(ServiceReview, ServiceReview.record_id == ServiceRecord.id)
        .outerjoin(reversed_, reversed_.id == ServiceRecord.reverses_id)
        .outerjoin(replaced, replaced.id == ServiceRecord.replaces_id)
    )
    project = func.coalesce(
        ServiceRecord.project_id, reversed_.project_id, replaced.project_id
    )
    return statement, project


def counted(period: Period, filters: VolunteerFilters):
    """(statement, project) with the WHERE of the period and the filters applied."""
    statement, project = hours_from()
    conditions = approved_records(period, filters)
    if filters.project_id:
        conditions.append(project == filters.project_id)
    return statement.where(*conditions), project


def per_volunteer(period: Period, filters: VolunteerFilters):
    """A subquery: volunteer_id, net approved hours (only those above zero)."""
    statement, _project = counted(period, filters)
    total = func.sum(ServiceRecord.hours)
    return (
        statement.add_columns(
            ServiceRecord.volunteer_id.label("volunteer_id"), total.label("hours")
        )
        .group_by(ServiceRecord.volunteer_id)
        .having(total > 0)
        .subquery()
    )


def totals(period: Period, filters: VolunteerFilters) -> tuple[Decimal, int]:
    """(approved hours, volunteers who served) in the period."""
    served = per_volunteer(period, filters)
    total, count = db.session.execute(
        select(func.sum(served.c.hours), func.count(served.c.volunteer_id))
    ).one()
    return hours(total), int(count or 0)


def by_activity(period: Period, filters: VolunteerFilters) -> list[dict]:
    """Per project, and per description for hours without one: the volunteers
    whose net hours there are above zero, and those hours; largest first."""
    statement, project = counted(period, filters)
    text = case(
        (project.is_(None), ServiceRecord.description), else_=literal_column("''")
    )
    total = func.sum(ServiceRecord.hours)
    per_person = (
        statement.add_columns(
            project.label("project_id"),
            text.label("description"),
            ServiceRecord.volunteer_id.label("volunteer_id"),
            total.label("hours"),
        )
        .group_by(project, text, ServiceRecord.volunteer_id)
        .having(total > 0)
        .subquery()
    )
    summed = func.sum(per_person.c.hours)
    rows = db.session.execute(
        select(
            per_person.c.project_id,
            per_person.c.description,
            func.count(per_person.c.volunteer_id),
            summed,
        )
        .group_by(per_person.c.project_id, per_person.c.description)
        .order_by(summed.desc(), per_person.c.project_id, per_person.c.description)
    )
    rows = list(rows)
    ids = {project_id for project_id, *_rest in rows if project_id}
    projects = {
        p.id: p for p in db.session.scalars(select(Project).where(Project.id.in_(ids)))
    }
    return [
        {
            "project": projects.get(project_id),
            "description": "" if project_id else text_,
            "volunteers": int(n),
            "hours": hours(h),
        }
        for project_id, text_, n, h in rows
    ]


def attendance(period: Period, filters: VolunteerFilters) -> dict:
    """Assignments to shifts that started in the period and were marked: attended,
    did not come, and the attendance rate in percent (None when none was marked)."""
    conditions = [
        Shift.cancelled_at.is_(None),
        Assignment.status.in_(("attended", "no_show")),
        *period.timestamp_filter(Shift.starts_at),
    ]
    if filters.project_id:
        conditions.append(Shift.project_id == filters.project_id)
    if filters.specialty_id:
        conditions.append(
            select(VolunteerSpecialty.id)
            .where(
                VolunteerSpecialty.volunteer_id == Assignment.volunteer_id,
                VolunteerSpecialty.specialty_id == filters.specialty_id,
            )
            .exists()
        )
    came, missed = db.session.execute(
        select(
            func.sum(case((Assignment.status == "attended", 1), else_=0)),
            func.sum(case((Assignment.status == "no_show", 1), else_=0)),
        )
        .join(Shift, Shift.id == Assignment.shift_id)
        .where(*conditions)
    ).one()
    came, missed = int(came or 0), int(missed or 0)
    rate = None
    if came + missed:
        rate = (Decimal(came) * 100 / (came + missed)).quantize(Decimal("0.1"))
    return {"attended": came, "no_show": missed, "rate": rate}


def project_choices(locale) -> list[tuple[int, str]]:
    """(id, name) of every project, newest first, for the report filter."""
    rows = db.session.scalars(
        select(Project).order_by(Project.start_date.desc(), Project.id.desc())
    )
    return [(p.id, p.display_name(locale)) for p in rows]
