"""Auto-fill a set of shifts with the best feasible roster.

The roster is the optimum of a mixed-integer linear programme with one binary
variable per eligible (volunteer, shift) pair, solved by HiGHS through
`scipy.optimize.milp`. README.md in this package describes the model.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp
from scipy.sparse import coo_array

from volunteer_hub.matching.model import Candidate, Reason, ShiftSpec, Weights
from volunteer_hub.matching.scoring import (
    HOURS_TOLERANCE,
    ScoredCandidate,
    ScoringContext,
    check_eligibility,
    rank_candidates,
    score_candidate,
)


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
class _Pair:
    person: int  # index into the candidates sorted by volunteer id
    shift: int  # index into the shifts sorted by shift id
    scored: ScoredCandidate


class _Rows:
    """Sparse `A @ x <= upper` rows, gathered one at a time."""

    def __init__(self) -> None:
        self.row_ids: list[int] = []
        self.columns: list[int] = []
        self.coefs: list[float] = []
        self.upper: list[float] = []

    def add(
        self, columns: Sequence[int], upper: float, coefs: Sequence[float] = ()
    ) -> None:
        row = len(self.upper)
        self.row_ids.extend([row] * len(columns))
        self.columns.extend(columns)
        self.coefs.extend(coefs or [1.0] * len(columns))
        self.upper.append(upper)

    def constraint(self, variables: int) -> LinearConstraint:
        shape = (len(self.upper), variables)
        matrix = coo_array((self.coefs, (self.row_ids, self.columns)), shape=shape)
        return LinearConstraint(matrix.tocsr(), -np.inf, np.array(self.upper))


def propose_roster(
    shifts: Iterable[ShiftSpec],
    candidates: Iterable[Candidate],
    weights: Weights,
    *,
    existing: Iterable[tuple[int, int]] = (),
    fill_first: bool = True,
) -> Roster:
    """The feasible roster with the most filled slots, then the highest score.

    `existing` holds (shift_id, volunteer_id) pairs already on the roster: they
    use up slots and are never proposed again. Their hours and times must
    already be in the volunteers' `hours_by_month` and `booked`. With
    `fill_first=False` the total score alone is maximised, so volunteers with
    a negative score are left out. Equal totals go to the lower volunteer ids,
    and the same input always gives the same roster. Raises ValueError for
    duplicate shift or volunteer ids, RuntimeError if HiGHS fails.
    """
    shifts = sorted(shifts, key=lambda shift: shift.shift_id)
    candidates = sorted(candidates, key=lambda candidate: candidate.volunteer_id)
    _require_unique("shift", [shift.shift_id for shift in shifts])
    _require_unique("volunteer", [person.volunteer_id for person in candidates])
    existing = set(existing)
    taken = Counter(shift_id for shift_id, _ in existing)
    open_slots = [max(0, shift.slots - taken[shift.shift_id]) for shift in shifts]
    pairs = _eligible_pairs(shifts, candidates, weights, open_slots, existing)
    chosen = _solve(pairs, shifts, candidates, open_slots, fill_first) if pairs else []
    return _roster(chosen, shifts, open_slots)


def _require_unique(kind: str, ids: list[int]) -> None:
    repeated = sorted(key for key, count in Counter(ids).items() if count > 1)
    if repeated:
        raise ValueError(f"duplicate {kind} id(s): {repeated}")


def _eligible_pairs(
    shifts: list[ShiftSpec],
    candidates: list[Candidate],
    weights: Weights,
    open_slots: list[int],
    existing: set[tuple[int, int]],
) -> list[_Pair]:
    context = ScoringContext.from_candidates(candidates)
    pools = _pools(candidates)
    pairs = []
    for s, shift in enumerate(shifts):
        if not open_slots[s]:
            continue
        for p, person in pools.get(shift.specialty_code, ()):
            if (shift.shift_id, person.volunteer_id) in existing:
                continue
            if check_eligibility(person, shift):
                continue  # the rules are cheaper to check than the score
            scored = score_candidate(person, shift, weights, context=context)
            pairs.append(_Pair(p, s, scored))
    return pairs


def _pools(candidates: list[Candidate]) -> dict[str | None, list]:
    """(index, candidate) of active people, in order: all of them under None,
    and per specialty code those who claim it. Anyone else breaks a hard rule
    of every shift in that pool, so skipping them changes nothing but time."""
    pools: dict[str | None, list] = defaultdict(list)
    for index, person in enumerate(candidates):
        if person.status != "active":
            continue
        pools[None].append((index, person))
        for code in person.specialties:
            pools[code].append((index, person))
    return pools


def _solve(
    pairs: list[_Pair],
    shifts: list[ShiftSpec],
    candidates: list[Candidate],
    open_slots: list[int],
    fill_first: bool,
) -> list[_Pair]:
    rows = _Rows()
    _add_slot_rows(rows, pairs, open_slots)
    _add_person_rows(rows, pairs, shifts, candidates)
    objective = _objective(pairs, len(candidates), sum(open_slots), fill_first)
    result = _milp(-objective, rows.constraint(len(pairs)))
    return [pair for pair, value in zip(pairs, result.x, strict=True) if value > 0.5]


def _objective(
    pairs: list[_Pair], people: int, max_assignments: int, fill_first: bool
) -> np.ndarray:
    """Per-pair value: score in hundredths of a point, tie-breaker, fill bonus.

    Scores are rounded to 0.01, so distinct totals differ by at least 1 here.
    The tie-breaker, under 1 / (max_assignments + 1) per pair, can only choose
    between equal totals, and favours lower volunteer ids. The fill bonus
    exceeds any score difference between two rosters, so one more filled slot
    always wins (a single solve; a separate count-then-score solve with a
    cardinality row proved far slower in HiGHS).
    """
    cents = np.array([pair.scored.score * 100 for pair in pairs])
    ranks = np.array([pair.person for pair in pairs])
    value = cents + (people - ranks) / (people * (max_assignments + 1))
    if fill_first:
        spread = max(cents.max(), 0.0) - min(cents.min(), 0.0)
        value += max_assignments * spread + 100
    return value


def _milp(cost: np.ndarray, constraints: LinearConstraint) -> OptimizeResult:
    result = milp(
        cost,
        integrality=np.ones_like(cost),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"mip_rel_gap": 0.0},
    )
    if not result.success:  # x = 0 is always feasible, so this is a solver fault
        raise RuntimeError(f"roster solver failed: {result.message}")
    return result


def _add_slot_rows(rows: _Rows, pairs: list[_Pair], open_slots: list[int]) -> None:
    by_shift = defaultdict(list)
    for column, pair in enumerate(pairs):
        by_shift[pair.shift].append(column)
    for shift, columns in by_shift.items():
        if len(columns) > open_slots[shift]:
            rows.add(columns, open_slots[shift])


def _add_person_rows(
    rows: _Rows,
    pairs: list[_Pair],
    shifts: list[ShiftSpec],
    candidates: list[Candidate],
) -> None:
    """No volunteer on two overlapping shifts, nor over a monthly cap."""
    columns_by_person = defaultdict(dict)
    for column, pair in enumerate(pairs):
        columns_by_person[pair.person][pair.shift] = column
    clashes = _overlapping_shifts(shifts)
    for person, columns in columns_by_person.items():
        for first, second in clashes:
            if first in columns and second in columns:
                rows.add([columns[first], columns[second]], 1)
        _add_month_rows(rows, candidates[person], columns, shifts)


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


def _add_month_rows(
    rows: _Rows,
    person: Candidate,
    columns: dict[int, int],
    shifts: list[ShiftSpec],
) -> None:
    if person.max_hours_per_month is None:
        return
    by_month = defaultdict(list)
    for shift, column in columns.items():
        by_month[shifts[shift].month].append((column, shifts[shift].hours))
    for month, entries in by_month.items():
        room = person.max_hours_per_month - person.hours_in_month(*month)
        hours = [hours for _, hours in entries]
        if sum(hours) > room + HOURS_TOLERANCE:
            rows.add([column for column, _ in entries], room + HOURS_TOLERANCE, hours)


def _roster(
    chosen: list[_Pair], shifts: list[ShiftSpec], open_slots: list[int]
) -> Roster:
    filled = Counter(pair.shift for pair in chosen)
    assignments = [
        Assignment(
            shift_id=shifts[pair.shift].shift_id,
            volunteer_id=pair.scored.volunteer_id,
            score=pair.scored.score,
            reasons=pair.scored.reasons,
        )
        for pair in chosen
    ]
    assignments.sort(key=lambda item: (item.shift_id, -item.score, item.volunteer_id))
    unfilled = {
        shift.shift_id: open_slots[index] - filled[index]
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
