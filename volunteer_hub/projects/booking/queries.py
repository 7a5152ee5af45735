"""What the matching pages read: the open shifts of a project, everyone
ranked for a shift, the best replacement, the pool the load factor compares with."""

from __future__ import annotations

import statistics
from datetime import date

from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.matching import ScoringContext
from volunteer_hub.matching.ranking import rank_pool
from volunteer_hub.projects import adapter
from volunteer_hub.projects.models import Project, Shift
from volunteer_hub.volunteers.models import Volunteer


def pool_context() -> ScoringContext:
    """The pool the load factor compares with: everyone who is not withdrawn."""
    people = db.session.scalar(
        select(func.count(Volunteer.id)).where(Volunteer.status != "withdrawn")
    )
    recent = adapter.recent_hours(None)
    hours = list(recent.values())
    hours += [0.0] * max(0, (people or 0) - len(hours))
    return ScoringContext(statistics.median(hours) if hours else 0.0)


def open_shifts(project: Project, start: date | None = None, end: date | None = None):
    """Future, uncancelled shifts of ``project`` in [start, end] (local dates)."""
    zone = adapter.local_zone()
    statement = (
        select(Shift)
        .where(
            Shift.project_id == project.id,
            Shift.cancelled_at.is_(None),
            Shift.starts_at > clock.now(),
        )
        .order_by(Shift.starts_at, Shift.id)
    )
    shifts = []
    for shift in db.session.scalars(statement):
        day = shift.starts_at.astimezone(zone).date()
        if (start and day < start) or (end and day > end):
            continue
        shifts.append(shift)
    return shifts


def rank_for_shift(shift: Shift):
    """Everyone ranked for ``shift`` (eligible first) and the people already on it.

    The ranked items are ``matching.ranking.RankedCandidate``: score and
    eligibility at once, reasons and blockers worked out when read.
    """
    spec = adapter.shift_spec(shift)
    on_shift = {a.volunteer_id: a for a in shift.assignments if a.status != "cancelled"}
    pool = adapter.load_pool([spec], include_withdrawn=True)
    ranked = rank_pool(
        pool,
        spec,
        adapter.current_weights(),
        context=pool.context(without_status="withdrawn"),
        exclude_ids=on_shift,
    )
    return ranked, on_shift


def next_best_for(shift: Shift):
    """The best eligible volunteer never asked for ``shift``, or None."""
    if shift.is_cancelled or shift.starts_at <= clock.now():
        return None
    spec = adapter.shift_spec(shift)
    asked = {a.volunteer_id for a in shift.assignments}
    pool = adapter.load_pool([spec])
    ranked = rank_pool(pool, spec, adapter.current_weights(), exclude_ids=asked)
    best = next((item for item in ranked if item.eligible), None)
    return best.scored() if best is not None else None


def volunteers_by_id(ids) -> dict[int, Volunteer]:
    """{id: volunteer} for the people a page lists, in one query."""
    if not ids:
        return {}
    found = db.session.scalars(select(Volunteer).where(Volunteer.id.in_(ids)))
    return {v.id: v for v in found}
