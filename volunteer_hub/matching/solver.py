"""Auto-fill a set of shifts with the best feasible roster.

The roster is the optimum of a mixed-integer linear programme with one binary
variable per eligible (volunteer, shift) pair, solved by HiGHS through
`scipy.optimize.milp`. README.md in this package describes the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from volunteer_hub.lazy import LazyModule
from volunteer_hub.matching.model import Candidate, Reason, ShiftSpec, Weights
from volunteer_hub.matching.pool import CandidatePool
from volunteer_hub.matching.scoring import (
    HOURS_TOLERANCE,
    ScoredCandidate,
    ScoringContext,
    rank_candidates,
    score_candidate,
)

np = LazyModule("numpy")
optimize = LazyModule("scipy.optimize")
sparse = LazyModule("scipy.sparse")


@dataclass(frozen=True)
class Assignment:
    """One proposed (shift, volunteer) pairing and why it scored as it did."""

    shift_id: int
    volunteer_id: int
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Roster:
    """A proposed roster; `unfilled` has every shift's count of open slots left."""

    assignments: tuple[Assignment, ...]
    unfilled: Mapping[int, int]
    total_score: float


@dataclass(frozen=True)
class _Pairs:
    """The programme's variables: eligible (pool row, shift index) pairs."""

    person: np.ndarray  # pool row, which is the rank by volunteer id
    shift: np.ndarray  # index into the shifts sorted by shift id
    score: np.ndarray

    def __len__(self) -> int:
        return len(self.person)


def propose_roster(
    shifts: Iterable[ShiftSpec],
    candidates: Iterable[Candidate] | CandidatePool,
    weights: Weights,
    *,
    existing: Iterable[tuple[int, int]] = (),
    fill_first: bool = True,
) -> Roster:
    """The feasible roster with the most filled slots, then the highest score.

    ``candidates`` are `Candidate` records or a `CandidatePool`. `existing`
    holds (shift_id, volunteer_id) pairs already on the roster: they use up
    slots and are never proposed again. Their hours and times must already be
    in the volunteers' `hours_by_month` and `booked`. With `fill_first=False`
    the total score alone is maximised, so volunteers with a negative score
    are left out. Equal totals go to the lower volunteer ids, and the same
    input always gives the same roster. Raises ValueError for duplicate shift
    or volunteer ids, RuntimeError if HiGHS fails.
    """
    shifts = sorted(shifts, key=lambda shift: shift.shift_id)
    _require_unique("shift", [shift.shift_id for shift in shifts])
    pool = candidates
    if not isinstance(pool, CandidatePool):
        candidates = list(candidates)
        _require_unique("volunteer", [c.volunteer_id for c in candidates])
        pool = CandidatePool.from_candidates(candidates)
    existing = set(existing)
    taken = Counter(shift_id for shift_id, _ in existing)
    open_slots = [max(0, shift.slots - taken[shift.shift_id]) for shift in shifts]
    context = pool.context()
    pairs = _eligible_pairs(shifts, pool, weights, open_slots, existing, context)
    chosen = _solve(pairs, shifts, pool, open_slots, fill_first) if len(pairs) else []
    explain = _Explain(pool, shifts, weights, context)
    return _roster([explain(pairs, column) for column in chosen], open_slots, shifts)


def _require_unique(kind: str, ids: list[int]) -> None:
    repeated = sorted(key for key, count in Counter(ids).items() if count > 1)
    if repeated:
        raise ValueError(f"duplicate {kind} id(s): {repeated}")


def _eligible_pairs(shifts, pool, weights, open_slots, existing, context) -> _Pairs:
    """Eligible pairs, scored a shift at a time over the whole pool.

    Only each shift's best ``open_slots + sum(open_slots)`` volunteers are kept
    (best score, then lower id): the optimum never uses anyone below them. If
    it did, one of the people ranked above, more than the roster has places,
    would hold no place at all; giving them that place instead breaks no rule
    (they are eligible and have nothing else) and scores higher.
    """
    total_open = sum(open_slots)
    people, columns, scores = [], [], []
    for index, shift in enumerate(shifts):
        if not open_slots[index]:
            continue
        scored = pool.score(shift, weights, context=context)
        asked = [vid for sid, vid in existing if sid == shift.shift_id]
        allowed = scored.eligible & ~np.isin(pool.ids, asked)
        rows = np.flatnonzero(allowed)
        keep = kept_per_shift(open_slots[index], total_open)
        if len(rows) > keep:
            best = np.lexsort((rows, -scored.scores[rows]))[:keep]
            rows = np.sort(rows[best])
        people.append(rows)
        columns.append(np.full(len(rows), index, dtype=np.int64))
        scores.append(scored.scores[rows])
    if not people:
        return _Pairs(
            *(np.zeros(0, dtype=kind) for kind in (np.int64, np.int64, float))
        )
    return _Pairs(
        np.concatenate(people), np.concatenate(columns), np.concatenate(scores)
    )


def kept_per_shift(open_here: int, total_open: int) -> int:
    """How many of a shift's best candidates the programme considers."""
    return open_here + total_open


def _solve(pairs, shifts, pool, open_slots, fill_first) -> list[int]:
    """The columns (pair indices) of the optimal roster."""
    rows = _Rows()
    _add_slot_rows(rows, pairs, open_slots)
    _add_clash_rows(rows, pairs, shifts)
    _add_month_rows(rows, pairs, shifts, pool)
    objective = _objective(pairs, len(pool), sum(open_slots), fill_first)
    result = _milp(-objective, rows.constraint(len(pairs)))
    return np.flatnonzero(result.x > 0.5).tolist()


def _objective(
    pairs: _Pairs, people: int, max_assignments: int, fill_first: bool
) -> np.ndarray:
    """Per-pair value: score in hundredths of a point, tie-breaker, fill bonus.

    Scores are rounded to 0.01, so distinct totals differ by at least 1 here.
    The tie-breaker, under 1 / (max_assignments + 1) per pair, can only choose
    between equal totals, and favours lower volunteer ids. The fill bonus
    exceeds any score difference between two rosters, so one more filled slot
    always wins (a single solve; a separate count-then-score solve with a
    cardinality row proved far slower in HiGHS).
    """
    cents = pairs.score * 100
    value = cents + (people - pairs.person) / (people * (max_assignments + 1))
    if fill_first:
        spread = max(cents.max(), 0.0) - min(cents.min(), 0.0)
        value += max_assignments * spread + 100
    return value


def _milp(cost: np.ndarray, constraints):
    result = optimize.milp(
        cost,
        integrality=np.ones_like(cost),
        bounds=optimize.Bounds(0, 1),
        constraints=constraints,
        options={"mip_rel_gap": 0.0},
    )
    if not result.success:  # x = 0 is always feasible, so this is a solver fault
        raise RuntimeError(f"roster solver failed: {result.message}")
    return result


class _Rows:
    """Sparse ``A @ x <= upper`` rows, added a block at a time."""

    def __init__(self) -> None:
        self.blocks: list[tuple] = []
        self.upper: list = []
        self.count = 0

    def add(self, row_of_entry, columns, coefs, upper) -> None:
        """Rows ``0 .. len(upper)-1`` of this block; entry k sits in row
        ``row_of_entry[k]`` and column ``columns[k]``."""
        self.blocks.append((np.asarray(row_of_entry) + self.count, columns, coefs))
        self.upper.append(np.asarray(upper, dtype=float))
        self.count += len(upper)

    def constraint(self, variables: int):
        if not self.blocks:
            matrix = sparse.csr_array((0, variables))
            return optimize.LinearConstraint(matrix, -np.inf, np.zeros(0))
        rows, columns, coefs = (
            np.concatenate(part) for part in zip(*self.blocks, strict=True)
        )
        shape = (self.count, variables)
        matrix = sparse.coo_array((coefs, (rows, columns)), shape=shape).tocsr()
        return optimize.LinearConstraint(matrix, -np.inf, np.concatenate(self.upper))


def _add_slot_rows(rows: _Rows, pairs: _Pairs, open_slots: list[int]) -> None:
    counts = np.bincount(pairs.shift, minlength=len(open_slots))
    crowded = np.flatnonzero(counts > np.array(open_slots))
    row_of_shift = np.full(len(open_slots), -1)
    row_of_shift[crowded] = np.arange(len(crowded))
    columns = np.flatnonzero(row_of_shift[pairs.shift] >= 0)
    entry_rows = row_of_shift[pairs.shift[columns]]
    ones = np.ones(len(columns))
    rows.add(entry_rows, columns, ones, np.array(open_slots, dtype=float)[crowded])


def _add_clash_rows(rows: _Rows, pairs: _Pairs, shifts: list[ShiftSpec]) -> None:
    """``x[p,s] + x[p,t] <= 1`` for each person on two overlapping shifts."""
    keys = pairs.person * len(shifts) + pairs.shift
    order = np.argsort(keys)
    ordered = keys[order]
    for first, second in _overlapping_shifts(shifts):
        mine = np.flatnonzero(pairs.shift == first)
        wanted = pairs.person[mine] * len(shifts) + second
        at = np.minimum(np.searchsorted(ordered, wanted), len(ordered) - 1)
        both = ordered[at] == wanted
        left, right = mine[both], order[at[both]]
        count = len(left)
        entry_rows = np.concatenate([np.arange(count), np.arange(count)])
        columns = np.concatenate([left, right])
        rows.add(entry_rows, columns, np.ones(2 * count), np.ones(count))


def _overlapping_shifts(shifts: list[ShiftSpec]) -> list[tuple[int, int]]:
    """Index pairs of shifts that overlap, found by a sweep over start times."""
    order = sorted(range(len(shifts)), key=lambda index: shifts[index].start)
    clashes = []
    for position, first in enumerate(order):
        for second in order[position + 1 :]:
            # Later shifts start no earlier, so the first that starts after this
            # one ends closes the sweep; every one before it overlaps.
            if shifts[second].start >= shifts[first].end:
                break
            clashes.append((first, second))
    return clashes


def _add_month_rows(rows: _Rows, pairs: _Pairs, shifts, pool) -> None:
    """Hours per capped volunteer and month within what their cap leaves."""
    months = sorted({shift.month for shift in shifts})
    month_of_shift = np.array([months.index(shift.month) for shift in shifts])
    hours_of_shift = np.array([shift.hours for shift in shifts])
    capped = np.flatnonzero(~np.isnan(pool.max_hours[pairs.person]))
    if not len(capped):
        return
    person = pairs.person[capped]
    groups = person * len(months) + month_of_shift[pairs.shift[capped]]
    keys, group_of = np.unique(groups, return_inverse=True)
    hours = hours_of_shift[pairs.shift[capped]]
    wanted = np.bincount(group_of, weights=hours)
    key_person, key_month = np.divmod(keys, len(months))
    room = pool.max_hours[key_person] - [
        float(pool.hours_by_month.get(p, {}).get(months[m], 0.0))
        for p, m in zip(key_person.tolist(), key_month.tolist(), strict=True)
    ]
    binding = wanted > room + HOURS_TOLERANCE
    row_of_group = np.full(len(keys), -1)
    row_of_group[binding] = np.arange(binding.sum())
    entries = np.flatnonzero(binding[group_of])
    rows.add(
        row_of_group[group_of[entries]],
        capped[entries],
        hours[entries],
        room[binding] + HOURS_TOLERANCE,
    )


class _Explain:
    """The `Assignment` of one chosen pair, with `score_candidate`'s reasons."""

    def __init__(self, pool, shifts, weights, context: ScoringContext):
        self.pool, self.shifts = pool, shifts
        self.weights, self.context = weights, context

    def __call__(self, pairs: _Pairs, column: int) -> Assignment:
        shift = self.shifts[int(pairs.shift[column])]
        scored = score_candidate(
            self.pool.candidate(int(pairs.person[column])),
            shift,
            self.weights,
            context=self.context,
        )
        return Assignment(
            shift.shift_id, scored.volunteer_id, scored.score, scored.reasons
        )


def _roster(
    assignments: list[Assignment], open_slots: list[int], shifts: list[ShiftSpec]
) -> Roster:
    filled = Counter(item.shift_id for item in assignments)
    assignments.sort(key=lambda item: (item.shift_id, -item.score, item.volunteer_id))
    unfilled = {
        shift.shift_id: open_slots[index] - filled[shift.shift_id]
        for index, shift in enumerate(shifts)
    }
    total = round(sum(item.score for item in assignments), 2)
    return Roster(tuple(assignments), unfilled, total)


def next_best(
    shift: ShiftSpec,
    candidates: Sequence[Candidate],
    weights: Weights,
    *,
    exclude_ids: Iterable[int] = (),
) -> ScoredCandidate | None:
    """The top-ranked eligible volunteer not in `exclude_ids`, or None if nobody.

    Used to replace someone who declined: pass everyone already asked.
    """
    excluded = set(exclude_ids)
    for scored in rank_candidates(candidates, shift, weights):
        if scored.eligible and scored.volunteer_id not in excluded:
            return scored
    return None
