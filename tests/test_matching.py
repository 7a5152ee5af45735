"""Score reasons and ranking for volunteer matching."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.fixtures.matching import (
    MONDAY_9,
    codes,
    make_candidate,
    make_shift,
    reason,
    score,
)
from volunteer_hub.matching import (
    SkillClaim,
    Weights,
    rank_candidates,
)
from volunteer_hub.matching.scoring import touched_parts


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (SkillClaim("interested"), {"level_interested": 10.0}),
        (SkillClaim("experienced"), {"level_experienced": 20.0}),
        (
            SkillClaim("certified", date(2026, 1, 1)),
            {"level_certified": 30.0, "certificate_valid": 10.0},
        ),
        (
            SkillClaim("certified", date(2025, 1, 1)),
            {"level_certified": 30.0, "certificate_expired": -10.0},
        ),
    ],
)
def test_specialty_reasons_carry_signed_points(claim, expected):
    scored = score(
        make_candidate(specialties={"care": claim}), make_shift(specialty_code="care")
    )
    assert {item.code: item.points for item in scored.reasons} == expected


@pytest.mark.parametrize(
    ("availability", "code", "points"),
    [
        ({(0, "morning")}, "available", 20.0),
        ({(0, "morning")}, "partly_available", 10.0),
        ({(1, "morning"), (0, "evening")}, "not_available", -20.0),
    ],
)
def test_availability_reasons(availability, code, points):
    # The second case's shift runs 11:00-13:00, reaching into the afternoon.
    end_hour = 13 if code == "partly_available" else 12
    shift = make_shift(
        start=MONDAY_9.replace(hour=11), end=MONDAY_9.replace(hour=end_hour)
    )
    scored = score(make_candidate(availability=frozenset(availability)), shift)
    assert reason(scored.reasons, code).points == points


def test_unknown_availability_is_neutral():
    assert score(make_candidate()).reasons == ()


@pytest.mark.parametrize(
    ("start_hour", "hours", "expected"),
    [
        (11, 2, {(0, "morning"), (0, "afternoon")}),
        (12, 6, {(0, "afternoon")}),
        (22, 4, {(0, "evening"), (1, "morning")}),
        (
            9,
            24 * 9,
            {
                (day, part)
                for day in range(7)
                for part in ("morning", "afternoon", "evening")
            },
        ),
    ],
)
def test_touched_parts_follow_the_local_clock_with_an_open_end(
    start_hour, hours, expected
):
    start = MONDAY_9.replace(hour=start_hour)
    assert touched_parts(start, start + timedelta(hours=hours)) == expected


def test_touched_parts_read_the_clock_of_the_start_time_zone():
    # The same instant: 20:00 here is 12:00 UTC. Equal instants must not share
    # a cache entry.
    evening = MONDAY_9.replace(hour=20)
    in_utc = evening.astimezone(UTC)
    assert touched_parts(evening, evening + timedelta(hours=1)) == {(0, "evening")}
    assert touched_parts(in_utc, in_utc + timedelta(hours=1)) == {(0, "afternoon")}


def test_district_and_core_reasons_are_positive():
    scored = score(make_candidate(district="Xuhui", is_core=True))
    assert {item.code: item.points for item in scored.reasons} == {
        "same_district": 10.0,
        "core": 5.0,
    }


@pytest.mark.parametrize(
    ("recent", "code", "points"),
    [
        (0, "load_low", 15.0),
        (5, "load_low", 7.5),
        (15, "load_high", -7.5),
        (40, "load_high", -15.0),
    ],
)
def test_load_compares_recent_hours_with_the_median(recent, code, points):
    [item] = score(make_candidate(recent_hours=recent), median=10).reasons
    assert (item.code, item.points) == (code, points)
    assert item.message_params["median_hours"] == 10


@pytest.mark.parametrize(
    ("attended", "no_shows", "expected"),
    [
        (1, 1, None),
        (10, 0, ("attendance_good", 10.0)),
        (6, 4, ("attendance_poor", -10.0)),
    ],
)
def test_attendance_is_neutral_for_newcomers(attended, no_shows, expected):
    person = make_candidate(attended_count=attended, no_show_count=no_shows)
    reasons = score(person).reasons
    assert [(item.code, item.points) for item in reasons] == (
        [expected] if expected else []
    )


def test_score_is_the_sum_of_the_reasons_and_zero_weights_add_no_reasons():
    person = make_candidate(
        district="Xuhui",
        is_core=True,
        recent_hours=2,
        attended_count=9,
        no_show_count=1,
    )
    scored = score(person, median=4)
    assert scored.score == pytest.approx(sum(item.points for item in scored.reasons))
    quiet = Weights(district=0, core=0, load=0, attendance=0)
    assert score(person, weights=quiet, median=4).reasons == ()


def test_ineligible_volunteers_are_scored_and_carry_blockers():
    scored = score(make_candidate(status="inactive", is_core=True))
    assert (scored.eligible, scored.score, codes(scored.blockers)) == (
        False,
        5.0,
        ["status_inactive"],
    )


def test_ranking_puts_eligible_first_by_score_then_id():
    people = [
        make_candidate(
            volunteer_id=4, status="inactive", is_core=True, district="Xuhui"
        ),
        make_candidate(volunteer_id=3),
        make_candidate(volunteer_id=2, district="Xuhui"),
        make_candidate(volunteer_id=1),
        make_candidate(volunteer_id=5, status="pending"),
    ]
    ranked = rank_candidates(people, make_shift(), Weights(load=0))
    assert [item.volunteer_id for item in ranked] == [2, 1, 3, 4, 5]
    assert [item.eligible for item in ranked] == [True, True, True, False, False]
    assert rank_candidates(people[::-1], make_shift(), Weights(load=0)) == ranked


def test_weights_from_mapping_overrides_defaults():
    weights = Weights.from_mapping({"core": 0, "district": 12.5})
    assert (weights.core, weights.district, weights.specialty) == (0, 12.5, 30.0)


def test_default_weights_make_a_perfect_match_worth_100():
    assert sum(vars(Weights()).values()) == 100


@pytest.mark.parametrize(
    "values",
    [{"charm": 1}, {"core": -1}, {"core": "5"}, {"core": True}, {"core": float("nan")}],
)
def test_weights_from_mapping_rejects_bad_input(values):
    with pytest.raises(ValueError):
        Weights.from_mapping(values)


@pytest.mark.parametrize(
    "overrides",
    [
        {"start": datetime(2025, 3, 10, 9)},
        {"end": MONDAY_9},
        {"slots": 0},
        {"min_level": "experienced"},
        {"specialty_code": "care", "min_level": "expert"},
    ],
)
def test_shift_spec_rejects_inconsistent_input(overrides):
    with pytest.raises(ValueError):
        make_shift(**overrides)


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "retired"},
        {"availability": frozenset({(7, "morning")})},
        {"booked": ((MONDAY_9, MONDAY_9),)},
    ],
)
def test_candidate_rejects_inconsistent_input(overrides):
    with pytest.raises(ValueError):
        make_candidate(**overrides)
