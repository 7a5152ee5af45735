"""Approved service hours as SQL: the rule every hours figure follows.

Hours are the volunteers feature's *approved hours*: ``service_records`` with an
``approved`` review, summed. A correction adds a reversal (minus the hours, same
date) and a replacement, so plain sums are already net. Hours from a shift carry
``project_id``; a reversal or a replacement that does not repeat it belongs to
the project of the record it reverses or replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from volunteer_hub.extensions import db
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
