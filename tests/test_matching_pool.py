"""Scoring a whole pool at once gives exactly what scoring one by one gives."""

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from volunteer_hub.matching import (
    LEVELS,
    PARTS,
    STATUSES,
    Candidate,
    ShiftSpec,
    SkillClaim,
    Weights,
    rank_candidates,
)
from volunteer_hub.matching.pool import CandidatePool
from volunteer_hub.matching.ranking import rank_pool
from volunteer_hub.matching.scoring import ScoringContext, score_candidate

CST = timezone(timedelta(hours=8))
MONDAY = datetime(2025, 3, 3, tzinfo=CST)
WEEK = [(day, part) for day in range(7) for part in PARTS]
DAYS = [date(2025, 3, 3) + timedelta(days=n) for n in range(3)]


@st.composite
def shifts(draw):
    start = MONDAY + timedelta(
        days=draw(st.integers(0, 2)), hours=draw(st.sampled_from([7, 9, 11, 16, 20]))
    )
    code = draw(st.sampled_from([None, "care", "law"]))
    return ShiftSpec(
        shift_id=1,
        start=start,
        end=start + timedelta(hours=draw(st.sampled_from([1, 3, 5, 30]))),
        district=draw(st.sampled_from([None, "east"])),
        specialty_code=code,
        min_level=draw(st.sampled_from([None, *LEVELS])) if code else None,
        requires_certificate=draw(st.booleans()) if code else False,
    )


@st.composite
def candidates(draw, volunteer_id):
    skills = draw(
        st.dictionaries(
            st.sampled_from(["care", "law", "food"]),
            st.builds(
                SkillClaim,
                st.sampled_from(LEVELS),
                st.sampled_from([None, date(2025, 3, 1), date(2025, 3, 4)]),
            ),
        )
    )
    held = draw(st.lists(st.integers(0, 60), max_size=2))
    return Candidate(
        volunteer_id=volunteer_id,
        status=draw(st.sampled_from([*STATUSES, "active", "active"])),
        district=draw(st.sampled_from([None, "east", "west"])),
        is_core=draw(st.booleans()),
        specialties=skills,
        availability=frozenset(draw(st.sets(st.sampled_from(WEEK), max_size=8))),
        max_hours_per_month=draw(st.sampled_from([None, 2, 4, 7.5, 40])),
        hours_by_month={(2025, 3): draw(st.sampled_from([0, 1.5, 3]))},
        recent_hours=draw(st.sampled_from([0.0, 1.0, 2.5, 3.0, 7.25, 12.0, 40.0])),
        attended_count=draw(st.integers(0, 9)),
        no_show_count=draw(st.integers(0, 4)),
        booked=tuple(
            (MONDAY + timedelta(hours=h), MONDAY + timedelta(hours=h + 2)) for h in held
        ),
        date_exceptions=draw(
            st.dictionaries(
                st.tuples(st.sampled_from(DAYS), st.sampled_from([*PARTS, None])),
                st.booleans(),
                max_size=2,
            )
        ),
    )


@st.composite
def pools(draw):
    size = draw(st.integers(1, 12))
    ids = draw(st.lists(st.integers(1, 500), min_size=size, max_size=size, unique=True))
    return [draw(candidates(volunteer_id)) for volunteer_id in ids]


WEIGHTS = st.sampled_from(
    [Weights(), Weights(load=40, core=0, availability=5, specialty=17)]
)


@settings(max_examples=300, deadline=None)
@given(people=pools(), shift=shifts(), weights=WEIGHTS)
def test_pool_scores_equal_one_by_one_scores(people, shift, weights):
    pool = CandidatePool.from_candidates(people)
    context = ScoringContext.from_candidates(people)
    scored = pool.score(shift, weights, context=context)
    by_id = {person.volunteer_id: person for person in people}
    for row, volunteer_id in enumerate(pool.ids.tolist()):
        expected = score_candidate(by_id[volunteer_id], shift, weights, context=context)
        assert scored.scores[row] == expected.score
        assert bool(scored.eligible[row]) == expected.eligible


@settings(max_examples=100, deadline=None)
@given(people=pools(), shift=shifts(), weights=WEIGHTS)
def test_pool_ranking_equals_rank_candidates(people, shift, weights):
    expected = rank_candidates(people, shift, weights)
    ranked = rank_pool(CandidatePool.from_candidates(people), shift, weights)
    assert [item.scored() for item in ranked] == expected
    assert [(r.volunteer_id, r.score, r.eligible) for r in ranked] == [
        (e.volunteer_id, e.score, e.eligible) for e in expected
    ]


@settings(max_examples=50, deadline=None)
@given(people=pools())
def test_pool_gives_back_the_candidates_it_was_built_from(people):
    pool = CandidatePool.from_candidates(people)
    assert pool.candidates() == sorted(people, key=lambda c: c.volunteer_id)


def test_ranking_leaves_out_the_excluded():
    people = [Candidate(volunteer_id=n) for n in (3, 1, 2)]
    shift = ShiftSpec(1, MONDAY, MONDAY + timedelta(hours=2))
    ranked = rank_pool(CandidatePool.from_candidates(people), shift, Weights())
    assert [r.volunteer_id for r in ranked] == [1, 2, 3]
    pool = CandidatePool.from_candidates(people)
    ranked = rank_pool(pool, shift, Weights(), exclude_ids={2})
    assert [r.volunteer_id for r in ranked] == [1, 3]


@given(people=pools(), shift=shifts())
@settings(max_examples=40, deadline=None)
def test_a_ranking_reads_like_the_list_of_its_items(people, shift):
    ranked = rank_pool(CandidatePool.from_candidates(people), shift, Weights())
    items = list(ranked)
    assert len(ranked) == len(items) == len(people)
    assert ranked.eligible_count == sum(item.eligible for item in items)
    assert all(item.eligible for item in ranked[: ranked.eligible_count])
    assert not any(item.eligible for item in ranked[ranked.eligible_count :])
    ids = [item.volunteer_id for item in items]
    assert [item.volunteer_id for item in ranked[1:-1:2]] == ids[1:-1:2]
    if items:
        assert ranked[-1].scored() == items[-1].scored()
