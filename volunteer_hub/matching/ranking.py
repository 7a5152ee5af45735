"""Ranking a whole pool for one shift, with the reasons worked out on demand.

A coordinator looks at the first few dozen of ten thousand ranked volunteers,
so the ranking holds each one's score and eligibility (from
`CandidatePool.score`) and asks `score_candidate` for the reasons and blockers
only when they are read: the same reasons, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable

from volunteer_hub.lazy import LazyModule
from volunteer_hub.matching.model import Reason, ShiftSpec, Weights
from volunteer_hub.matching.pool import CandidatePool
from volunteer_hub.matching.scoring import (
    ScoredCandidate,
    ScoringContext,
    score_candidate,
)

np = LazyModule("numpy")


class Explainer:
    """Scores one pool row for one shift the reference way, reasons included."""

    def __init__(self, pool, shift: ShiftSpec, weights: Weights, context):
        self.pool, self.shift, self.weights = pool, shift, weights
        self.context = context

    def __call__(self, row: int) -> ScoredCandidate:
        candidate = self.pool.candidate(row)
        return score_candidate(
            candidate, self.shift, self.weights, context=self.context
        )


class RankedCandidate:
    """A `ScoredCandidate` whose reasons and blockers are computed when read."""

    __slots__ = ("volunteer_id", "score", "eligible", "_explain", "_row", "_scored")

    def __init__(self, volunteer_id, score, eligible, explain: Explainer, row: int):
        self.volunteer_id, self.score, self.eligible = volunteer_id, score, eligible
        self._explain, self._row, self._scored = explain, row, None

    def scored(self) -> ScoredCandidate:
        """The full `ScoredCandidate` (computed once)."""
        if self._scored is None:
            self._scored = self._explain(self._row)
        return self._scored

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return self.scored().reasons

    @property
    def blockers(self) -> tuple[Reason, ...]:
        return self.scored().blockers

    def __repr__(self) -> str:
        return (
            f"RankedCandidate(volunteer_id={self.volunteer_id}, "
            f"score={self.score}, eligible={self.eligible})"
        )


def rank_pool(
    pool: CandidatePool,
    shift: ShiftSpec,
    weights: Weights,
    *,
    context: ScoringContext | None = None,
    exclude_ids: Iterable[int] = (),
) -> list[RankedCandidate]:
    """The pool in `rank_candidates` order (eligible first, best score first,
    then by volunteer id), leaving out ``exclude_ids``. ``context`` defaults to
    the whole pool's."""
    context = context or pool.context()
    scored = pool.score(shift, weights, context=context)
    keep = ~np.isin(pool.ids, np.fromiter(exclude_ids, dtype=np.int64))
    rows = np.flatnonzero(keep)
    order = rows[
        np.lexsort((pool.ids[rows], -scored.scores[rows], ~scored.eligible[rows]))
    ]
    explain = Explainer(pool, shift, weights, context)
    return [
        RankedCandidate(vid, score, eligible, explain, row)
        for row, vid, score, eligible in zip(
            order.tolist(),
            pool.ids[order].tolist(),
            scored.scores[order].tolist(),
            scored.eligible[order].tolist(),
            strict=True,
        )
    ]
