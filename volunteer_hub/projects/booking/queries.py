"""What the matching pages read: the open shifts of a project, everyone
ranked for a shift, the best replacement, the pool the load factor compares with."""

from __future__ import annotations

import statistics
from datetime import date

from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.matching import ScoringContext, rank_candidates, score_candidate
from volunteer_hub.projects import adapter
from volunteer_hub.projects.models import Project, Shift
from volunteer_hub.volunteers.models import Volunteer


def pool_context() -> ScoringContext:
    """The pool the load factor compares with: everyone who is not withdrawn."""
    people = db.session.scalar(
        select(func.count(Volunteer.id)).where(Volunteer.status != "withdrawn")
    )
    recent = adapter._recent_hours(None)
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
    """Everyone ranked for ``shift`` (eligible first) and the people already on it."""
    spec = adapter.shift_spec(shift)
    on_shift = {a.volunteer_id: a for a in shift.assignments if a.status != "cancelled"}
    candidates = adapter.load_candidates([spec], include_withdrawn=True)
    pool = [c for c in candidates if c.status != "withdrawn"]
    context = ScoringContext.from_candidates(pool)
    weights = adapter.current_weights()
    ranked = [
        score_candidate(c, spec, weights, context=context)
        for c in candidates
        if c.volunteer_id not in on_shift
    ]
    ranked.sort(key=lambda s: (not s.eligible, -s.score, s.volunteer_id))
    return ranked, on_shift


def next_best_for(shift: Shift):
    """The best eligible volunteer never asked for ``shift``, or None."""
    if shift.is_cancelled or shift.starts_at <= clock.now():
        return None
    spec = adapter.shift_spec(shift)
    asked = {a.volunteer_id for a in shift.assignments}
    candidates = adapter.load_candidates([spec])
    for scored in rank_candidates(candidates, spec, adapter.current_weights()):
        if scored.eligible and scored.volunteer_id not in asked:
            return scored
    return None


def volunteers_by_id(ids) -> dict[int, Volunteer]:
    """{id: volunteer} for the people a page lists, in one query."""
    if not ids:
        return {}
    found = db.session.scalars(select(Volunteer).where(Volunteer.id.in_(ids)))
    return {v.id: v for v in found}
