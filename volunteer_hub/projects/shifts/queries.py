"""What the project pages read: a project's shifts, fill counts for the list."""

from __future__ import annotations

from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import FILLING, Assignment, Project, Shift


def projects_listed(status: str = ""):
    """The statement listing projects, newest first (only ``status``, if given)."""
    statement = select(Project).order_by(Project.start_date.desc(), Project.id.desc())
    return statement.where(Project.status == status) if status else statement


def status_counts() -> dict[str, int]:
    """{status: number of projects}."""
    rows = db.session.execute(
        select(Project.status, func.count()).group_by(Project.status)
    )
    return dict(rows.all())


def upcoming_shifts(project: Project, *, include_past: bool = False) -> list[Shift]:
    """The live shifts of a project still to come (all of them with include_past)."""
    now = clock.now()
    return [
        s
        for s in project.shifts
        if not s.is_cancelled and (include_past or s.ends_at > now)
    ]


def fill_summary(project_ids) -> dict[int, tuple[int, int, int]]:
    """{project id: (live shifts, places, places filled)} for a list page."""
    if not project_ids:
        return {}
    filled = (
        select(func.count(Assignment.id))
        .where(Assignment.shift_id == Shift.id, Assignment.status.in_(FILLING))
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            Shift.project_id,
            func.count(Shift.id),
            func.sum(Shift.slots),
            func.sum(filled),
        )
        .where(Shift.project_id.in_(project_ids), Shift.cancelled_at.is_(None))
        .group_by(Shift.project_id)
    )
    return {pid: (n, int(slots or 0), int(f or 0)) for pid, n, slots, f in rows}
