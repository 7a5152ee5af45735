"""Ranking a whole pool for one shift, with the reasons worked out on demand.

A coordinator looks at the first few dozen of ten thousand ranked volunteers,
so the ranking holds each one's score and eligibility (from
`CandidatePool.score`) as columns, makes an item only when it is read, and asks
`score_candidate` for the reasons and blockers only when those are read: the
same reasons, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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


class Ranking(Sequence[RankedCandidate]):
    """A ranked pool: `RankedCandidate`s, each made when it is read. The
    eligible come first, so ``ranking[:eligible_count]`` are all of them."""

    def __init__(self, rows, ids, scores, eligible, explain: Explainer):
        self._rows, self._ids, self._scores = rows, ids, scores
        self._eligible, self._explain = eligible, explain
        self.eligible_count = int(eligible.sum())

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._item(k) for k in range(*index.indices(len(self)))]
        return self._item(range(len(self))[index])

    def _item(self, k: int) -> RankedCandidate:
        return RankedCandidate(
            int(self._ids[k]),
            float(self._scores[k]),
            bool(self._eligible[k]),
            self._explain,
            int(self._rows[k]),
        )


def rank_pool(
    pool: CandidatePool,
    shift: ShiftSpec,
    weights: Weights,
    *,
    context: ScoringContext | None = None,
    exclude_ids: Iterable[int] = (),
) -> Ranking:
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
    return Ranking(
        order,
        pool.ids[order],
        scored.scores[order],
        scored.eligible[order],
        Explainer(pool, shift, weights, context),
    )
