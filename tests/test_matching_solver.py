"""The roster solver: optimal against brute force, and never breaks a hard rule."""

from collections import Counter
from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixtures.matching_solver import (
    WEEK,
    make_shift,
    pairs_of,
    rule_breaks,
)
from volunteer_hub.matching import (
    LEVELS,
    Candidate,
    SkillClaim,
    Weights,
    next_best,
    propose_roster,
)
from volunteer_hub.matching.scoring import ScoringContext, score_candidate


def brute_force(shifts, candidates, weights, existing, fill_first):
    """Best (filled count, total score) over every roster that breaks no rule."""
    context = ScoringContext.from_candidates(candidates)
    scores = {
        (shift.shift_id, person.volunteer_id): score_candidate(
            person, shift, weights, context=context
        ).score
        for shift in shifts
        for person in candidates
    }
    taken = Counter(shift_id for shift_id, _ in existing)
    best = (-1, float("-inf"))

    def visit(index, pairs):
        nonlocal best
        if index == len(shifts):
            total = round(sum(scores[pair] for pair in pairs), 2)
            best = max(best, (len(pairs) if fill_first else 0, total))
            return
        shift = shifts[index]
        room = max(0, shift.slots - taken[shift.shift_id])
        ids = [person.volunteer_id for person in candidates]
        for size in range(min(room, len(ids)) + 1):
            for group in combinations(ids, size):
                extended = pairs + [
                    (shift.shift_id, volunteer_id) for volunteer_id in group
                ]
                if not rule_breaks(extended, shifts, candidates, existing):
                    visit(index + 1, extended)

    visit(0, [])
    return best


SKILL_RULES = [
    {},
    {},
    {"specialty_code": "care"},
    {"specialty_code": "care", "min_level": "experienced"},
    {"specialty_code": "care", "requires_certificate": True},
]


@st.composite
def small_cases(draw):
    shifts = [
        make_shift(
            shift_id,
            draw(st.integers(0, 3)),
            draw(st.sampled_from([8, 9, 10, 12, 14])),
            draw(st.integers(1, 4)),
            district=draw(st.sampled_from([None, "east", "west"])),
            slots=draw(st.integers(1, 2)),
            **draw(st.sampled_from(SKILL_RULES)),
        )
        for shift_id in range(1, draw(st.integers(1, 4)) + 1)
    ]
    candidates = [
        draw(candidates_for(volunteer_id, shifts))
        for volunteer_id in range(1, draw(st.integers(1, 4)) + 1)
    ]
    possible = [
        (shift.shift_id, person.volunteer_id)
        for shift in shifts
        for person in candidates
    ]
    existing = (
        draw(st.sets(st.sampled_from(possible), max_size=2)) if possible else set()
    )
    weights = draw(
        st.sampled_from([Weights(), Weights(load=40, core=0, availability=5)])
    )
    return shifts, candidates, weights, existing


@st.composite
def candidates_for(draw, volunteer_id, shifts):
    held = draw(st.lists(st.sampled_from(shifts), max_size=1)) if shifts else []
    level = draw(st.sampled_from((None, *LEVELS, "certified")))
    expiry = draw(st.sampled_from([date(2025, 1, 31), date(2025, 2, 28)]))
    return Candidate(
        volunteer_id=volunteer_id,
        status=draw(st.sampled_from(["active"] * 5 + ["inactive"])),
        district=draw(st.sampled_from([None, "east", "west"])),
        is_core=draw(st.booleans()),
        specialties={"care": SkillClaim(level, expiry)} if level else {},
        availability=frozenset(draw(st.sets(st.sampled_from(WEEK)))),
        max_hours_per_month=draw(st.sampled_from([None, None, 3, 4, 6, 8])),
        hours_by_month={
            (2025, 1): draw(st.integers(0, 2)),
            (2025, 2): draw(st.integers(0, 2)),
        },
        recent_hours=draw(st.integers(0, 12)),
        attended_count=draw(st.integers(0, 6)),
        no_show_count=draw(st.integers(0, 3)),
        booked=tuple(
            (shift.start, shift.end - timedelta(minutes=30)) for shift in held
        ),
    )


@settings(max_examples=150, deadline=None)
@given(case=small_cases(), fill_first=st.booleans())
def test_roster_matches_brute_force_and_breaks_no_rule(case, fill_first):
    shifts, candidates, weights, existing = case
    roster = propose_roster(
        shifts, candidates, weights, existing=existing, fill_first=fill_first
    )
    best_count, best_total = brute_force(
        shifts, candidates, weights, existing, fill_first
    )
    assert rule_breaks(pairs_of(roster), shifts, candidates, existing) == []
    assert roster.total_score == pytest.approx(best_total, abs=1e-6)
    if fill_first:
        assert len(roster.assignments) == best_count
    for shift in shifts:
        filled = sum(shift_id == shift.shift_id for shift_id, _ in pairs_of(roster))
        taken = sum(shift_id == shift.shift_id for shift_id, _ in existing)
        assert roster.unfilled[shift.shift_id] == max(0, shift.slots - taken) - filled


def test_greedy_choice_would_leave_a_shift_empty():
    # Alice is the best for A but the only one who can do the overlapping B.
    a = make_shift(1, 0, 9, 3, district="east")
    b = make_shift(2, 0, 11, 2, specialty_code="care", min_level="experienced")
    alice = Candidate(
        1,
        district="east",
        is_core=True,
        specialties={"care": SkillClaim("experienced")},
    )
    bob = Candidate(2)
    roster = propose_roster([a, b], [alice, bob], Weights())
    assert pairs_of(roster) == [(1, 2), (2, 1)]
    assert roster.unfilled == {1: 0, 2: 0}
    assert roster.total_score == pytest.approx(20.0 + 5.0)


def test_nobody_is_booked_on_overlapping_shifts():
    shifts = [
        make_shift(1, 0, 9, 3, slots=2),
        make_shift(2, 0, 10, 3, slots=2),
        make_shift(3, 0, 12, 2, slots=2),
    ]
    people = [Candidate(1), Candidate(2)]
    roster = propose_roster(shifts, people, Weights())
    assert rule_breaks(pairs_of(roster), shifts, people) == []
    # Shift 3 starts as shift 1 ends, so both people can do 1 and 3 or 2 alone.
    assert sorted(pairs_of(roster)) == [(1, 1), (1, 2), (3, 1), (3, 2)]
    assert roster.unfilled == {1: 0, 2: 2, 3: 0}


def test_monthly_maximum_holds_across_shifts_of_the_same_month():
    # Three 2-hour shifts in January and one in February; a 5-hour cap, 1 used.
    shifts = [
        make_shift(1, 0, 9, 2),
        make_shift(2, 1, 9, 2),
        make_shift(3, 1, 14, 2),
        make_shift(4, 2, 9, 2),
    ]
    person = Candidate(1, max_hours_per_month=5, hours_by_month={(2025, 1): 1})
    taken = [
        shift_id
        for shift_id, _ in pairs_of(propose_roster(shifts, [person], Weights()))
    ]
    assert len(set(taken) & {1, 2, 3}) == 2
    assert 4 in taken


def test_existing_assignments_use_up_slots_and_are_not_repeated():
    shift = make_shift(1, 0, 9, 2, slots=2)
    people = [Candidate(volunteer_id) for volunteer_id in (1, 2, 3)]
    roster = propose_roster([shift], people, Weights(), existing=[(1, 1)])
    assert pairs_of(roster) == [(1, 2)]
    full = propose_roster([shift], people, Weights(), existing=[(1, 1), (1, 3)])
    assert (full.assignments, full.unfilled) == ((), {1: 0})


def test_empty_inputs_and_unfillable_shifts():
    shift = make_shift(
        1, 0, 9, 2, specialty_code="care", requires_certificate=True, slots=3
    )
    empty = propose_roster([], [], Weights())
    assert (empty.assignments, empty.unfilled, empty.total_score) == ((), {}, 0)
    roster = propose_roster([shift], [Candidate(1)], Weights())
    assert (roster.assignments, roster.unfilled) == ((), {1: 3})


def test_fill_first_takes_a_negative_score_over_an_empty_slot():
    shift = make_shift(1, 0, 9, 2)
    unavailable = Candidate(1, availability=frozenset({(6, "evening")}))
    assert pairs_of(propose_roster([shift], [unavailable], Weights())) == [(1, 1)]
    assert (
        propose_roster([shift], [unavailable], Weights(), fill_first=False).assignments
        == ()
    )


def test_ties_go_to_the_lower_volunteer_id_whatever_the_input_order():
    shifts = [make_shift(1, 0, 9, 2), make_shift(2, 0, 10, 2)]
    people = [Candidate(volunteer_id) for volunteer_id in (7, 3, 5)]
    roster = propose_roster(shifts, people, Weights())
    assert {volunteer_id for _, volunteer_id in pairs_of(roster)} == {3, 5}
    assert propose_roster(shifts[::-1], people[::-1], Weights()) == roster


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="volunteer"):
        propose_roster(
            [make_shift(1, 0, 9, 2)], [Candidate(1), Candidate(1)], Weights()
        )


def test_next_best_skips_excluded_and_ineligible_volunteers():
    shift = make_shift(1, 0, 9, 2, district="east")
    people = [
        Candidate(1, district="east"),
        Candidate(2, status="inactive", is_core=True),
        Candidate(3),
    ]
    assert next_best(shift, people, Weights()).volunteer_id == 1
    assert next_best(shift, people, Weights(), exclude_ids={1}).volunteer_id == 3
    assert next_best(shift, people, Weights(), exclude_ids=[1, 3]) is None
