"""Volunteers as the matcher sees them (``matching.model.Candidate``).

Assignments belong to the projects feature: it passes what it knows
(``attended_count``, ``no_show_count``, ``booked``, booked hours per month)
through ``extra``; hours already served come from approved service records.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import Candidate, SkillClaim
from volunteer_hub.volunteers.models import Volunteer
from volunteer_hub.volunteers.models_hours import ServiceRecord, ServiceReview
from volunteer_hub.volunteers.services_hours import approved_filter

RECENT_DAYS = 90


def _served_hours(ids, since: date):
    """{volunteer_id: {(year, month): hours}} and {volunteer_id: recent hours}."""
    rows = db.session.execute(
        select(ServiceRecord.volunteer_id, ServiceRecord.served_on, ServiceRecord.hours)
        .join(ServiceReview, ServiceReview.record_id == ServiceRecord.id)
        .where(approved_filter(start=since), ServiceRecord.volunteer_id.in_(ids))
    )
    by_month = defaultdict(lambda: defaultdict(float))
    recent = defaultdict(float)
    recent_start = clock.now().date() - timedelta(days=RECENT_DAYS)
    for volunteer_id, served_on, hours in rows:
        by_month[volunteer_id][(served_on.year, served_on.month)] += float(hours)
        if served_on >= recent_start:
            recent[volunteer_id] += float(hours)
    return by_month, recent


def build_candidates(volunteer_ids=None, *, extra=None) -> list[Candidate]:
    """Candidates for the given volunteers (default: every active one).

    ``extra`` maps a volunteer id to Candidate fields to set or, for
    ``hours_by_month``, to add to the served hours (booked shifts).
    """
    statement = select(Volunteer).options(
        selectinload(Volunteer.specialties), selectinload(Volunteer.slots)
    )
    if volunteer_ids is None:
        statement = statement.where(Volunteer.status == "active")
    else:
        statement = statement.where(Volunteer.id.in_(list(volunteer_ids)))
    volunteers = list(db.session.scalars(statement))
    ids = [v.id for v in volunteers]
    since = (clock.now().date().replace(day=1) - timedelta(days=366)).replace(day=1)
    by_month, recent = _served_hours(ids, since) if ids else ({}, {})
    return [
        _candidate(v, by_month, recent, (extra or {}).get(v.id, {})) for v in volunteers
    ]


def _candidate(volunteer, by_month, recent, extra) -> Candidate:
    hours = dict(by_month.get(volunteer.id, {}))
    for month, booked in extra.get("hours_by_month", {}).items():
        hours[month] = hours.get(month, 0.0) + float(booked)
    values = {
        "volunteer_id": volunteer.id,
        "status": volunteer.status,
        "district": volunteer.district or None,
        "is_core": volunteer.is_core,
        "specialties": {
            link.specialty.code: SkillClaim(link.level, link.certificate_expiry)
            for link in volunteer.specialties
        },
        "availability": volunteer.slot_pairs(),
        "max_hours_per_month": volunteer.max_hours_per_month,
        "recent_hours": recent.get(volunteer.id, 0.0),
    }
    values.update({k: v for k, v in extra.items() if k != "hours_by_month"})
    values["hours_by_month"] = hours
    return Candidate(**values)
