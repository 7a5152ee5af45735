"""The projects' count on the staff home page (slot ``main.today``): shifts in
the next days still short of people, registered by ``init_app``.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Assignment, Project, Shift

# Shifts that start within this many days.
AHEAD_DAYS = 7
# Only a volunteer who said yes (or came) fills a place for sure; a proposal or
# an unanswered invitation leaves the shift short.
SURE = ("confirmed", "attended")


def sure_count():
    """A correlated count of a shift's volunteers who said yes (or came)."""
    return (
        select(func.count(Assignment.id))
        .where(Assignment.shift_id == Shift.id, Assignment.status.in_(SURE))
        .scalar_subquery()
    )


def short_shifts_statement():
    """A select of the shifts not cancelled, of a project in planning or under
    way, starting in the next ``AHEAD_DAYS`` days, with fewer sure volunteers
    than places; the soonest first."""
    now = clock.now()
    return (
        select(Shift)
        .join(Project, Project.id == Shift.project_id)
        .where(
            Shift.cancelled_at.is_(None),
            Shift.starts_at >= now,
            Shift.starts_at < now + timedelta(days=AHEAD_DAYS),
            Project.status.in_(("planning", "active")),
            sure_count() < Shift.slots,
        )
        .order_by(Shift.starts_at, Shift.id)
    )


def short_shifts() -> int:
    """How many shifts ``short_shifts_statement`` lists."""
    statement = short_shifts_statement().order_by(None).subquery()
    return db.session.scalar(select(func.count()).select_from(statement))


def short_shift_rows() -> list[tuple[Shift, int]]:
    """(shift, sure volunteers) of every short shift, for the list page."""
    # The project each row names comes with the join the statement has.
    statement = (
        short_shifts_statement()
        .add_columns(sure_count())
        .options(contains_eager(Shift.project))
    )
    return [(shift, sure) for shift, sure in db.session.execute(statement)]
