"""The roster solver at scale: project-sized rosters and pruned candidate lists."""

import random

import pytest

from tests.fixtures.matching_solver import (
    WEEK,
    make_shift,
    pairs_of,
    rule_breaks,
)
from volunteer_hub.matching import (
    Candidate,
    Weights,
    propose_roster,
)


def test_a_project_sized_roster_breaks_no_rule():
    rng = random.Random(7)
    shifts = [
        make_shift(
            shift_id,
            rng.randrange(14),
            rng.choice([8, 10, 13, 18]),
            rng.choice([2, 3]),
            slots=rng.randint(1, 3),
        )
        for shift_id in range(1, 51)
    ]
    people = [
        Candidate(
            volunteer_id,
            availability=frozenset(slot for slot in WEEK if rng.random() < 0.4),
            max_hours_per_month=rng.choice([None, 6, 10]),
            hours_by_month={(2025, 2): rng.choice([0, 2, 4])},
            recent_hours=rng.uniform(0, 20),
        )
        for volunteer_id in range(1, 301)
    ]
    roster = propose_roster(shifts, people, Weights())
    assert rule_breaks(pairs_of(roster), shifts, people) == []
    assert sum(roster.unfilled.values()) == 0


@pytest.mark.parametrize("fill_first", [True, False])
@pytest.mark.parametrize("seed", range(15))
def test_keeping_each_shifts_best_candidates_keeps_the_optimum(
    seed, fill_first, monkeypatch
):
    """Many more eligible people than places: the programme sees only each
    shift's best few, and finds the roster the full programme finds."""
    from volunteer_hub.matching import solver

    rng = random.Random(seed)
    shifts = [
        make_shift(n, rng.randint(0, 3), rng.choice([8, 10, 14]), rng.randint(1, 4))
        for n in range(1, 5)
    ]
    people = [
        Candidate(
            volunteer_id=n,
            district=rng.choice([None, "east"]),
            is_core=rng.random() < 0.3,
            availability=frozenset(rng.sample(WEEK, 6)),
            max_hours_per_month=rng.choice([None, 3, 5]),
            recent_hours=rng.choice([0, 2, 5]),
            booked=((shifts[0].start, shifts[0].end),) if n % 7 == 0 else (),
        )
        for n in range(1, 41)
    ]
    pruned = propose_roster(shifts, people, Weights(), fill_first=fill_first)
    monkeypatch.setattr(solver, "kept_per_shift", lambda here, total: 10**6)
    full = propose_roster(shifts, people, Weights(), fill_first=fill_first)
    assert solver.kept_per_shift(1, 1) == 10**6
    assert len(pruned.assignments) == len(full.assignments)
    assert pruned.total_score == pytest.approx(full.total_score, abs=1e-6)
    assert rule_breaks(pairs_of(pruned), shifts, people) == []
