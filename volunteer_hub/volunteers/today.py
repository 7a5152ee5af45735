"""The volunteers' counts on the staff home page (slot ``main.today``).

Each count uses the same filter as the list it links to, so the number on the
home page is the number of rows the coordinator finds there.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from volunteer_hub import panels
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.hours.models import ServiceRecord, ServiceReview
from volunteer_hub.volunteers.roster.queries import RosterFilter, roster_statement

# Certificates that expire within this many days count as "expiring".
EXPIRING_DAYS = 30


def _count_roster(roster_filter: RosterFilter) -> int:
    statement = roster_statement(roster_filter).order_by(None)
    return db.session.scalar(select(func.count()).select_from(statement.subquery()))


def waiting_volunteers() -> int:
    return _count_roster(RosterFilter(status="pending"))


def expiring_certificates() -> int:
    return _count_roster(RosterFilter(expiring_days=EXPIRING_DAYS))


def waiting_hours() -> int:
    """Hours without a review, as on the list of hours waiting for approval."""
    return db.session.scalar(
        select(func.count(ServiceRecord.id))
        .outerjoin(ServiceReview, ServiceReview.record_id == ServiceRecord.id)
        .where(ServiceReview.id.is_(None))
    )


def register(app: Flask) -> None:
    panels.register_count(
        app,
        "volunteers-pending",
        _l("Volunteers waiting for approval"),
        waiting_volunteers,
        "volunteers.index",
        order=10,
        status="pending",
    )
    panels.register_count(
        app,
        "hours-waiting",
        _l("Hours waiting for approval"),
        waiting_hours,
        "volunteers.waiting_hours",
        role="coordinator",
        order=20,
    )
    panels.register_count(
        app,
        "certificates-expiring",
        _l("Certificates expiring within %(days)d days", days=EXPIRING_DAYS),
        expiring_certificates,
        "volunteers.index",
        order=60,
        expiring=EXPIRING_DAYS,
    )
