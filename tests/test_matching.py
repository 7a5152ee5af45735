"""Eligibility rules, score reasons and ranking for volunteer matching."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from volunteer_hub.matching import (
    Candidate,
    ShiftSpec,
    SkillClaim,
    Weights,
    check_eligibility,
    rank_candidates,
    score_candidate,
)
from volunteer_hub.matching.scoring import ScoringContext, touched_parts

CST = timezone(timedelta(hours=8))
# Monday 2025-03-10, 09:00-12:00 local time.
MONDAY_9 = datetime(2025, 3, 10, 9, tzinfo=CST)


def make_shift(**overrides) -> ShiftSpec:
    values = {
        "shift_id": 1,
        "start": MONDAY_9,
        "end": MONDAY_9 + timedelta(hours=3),
        "district": "Xuhui",
        "specialty_code": None,
    }
    return ShiftSpec(**(values | overrides))


def make_candidate(**overrides) -> Candidate:
    return Candidate(**({"volunteer_id": 1, "status": "active"} | overrides))


def codes(reasons) -> list[str]:
    return [reason.code for reason in reasons]


def reason(reasons, code):
    return next(item for item in reasons if item.code == code)


def score(candidate, shift=None, weights=None, median=0.0):
    context = ScoringContext(median_recent_hours=median)
    shift = shift or make_shift()
    return score_candidate(candidate, shift, weights or Weights(), context=context)


def test_active_volunteer_without_conflicts_is_eligible():
    assert check_eligibility(make_candidate(), make_shift()) == []


@pytest.mark.parametrize("status", ["pending", "inactive", "withdrawn"])
def test_only_active_volunteers_are_eligible(status):
    blockers = check_eligibility(make_candidate(status=status), make_shift())
    assert codes(blockers) == [f"status_{status}"]


@pytest.mark.parametrize(
    ("start_hour", "end_hour", "blocked"),
    [(8, 10, True), (11, 13, True), (9, 12, True), (6, 9, False), (12, 14, False)],
)
def test_overlap_blocks_but_back_to_back_does_not(start_hour, end_hour, blocked):
    held = (MONDAY_9.replace(hour=start_hour), MONDAY_9.replace(hour=end_hour))
    blockers = check_eligibility(make_candidate(booked=(held,)), make_shift())
    assert codes(blockers) == (["overlapping_booking"] if blocked else [])


def test_monthly_maximum_counts_hours_already_in_that_month():
    person = make_candidate(max_hours_per_month=8, hours_by_month={(2025, 3): 6})
    [blocker] = check_eligibility(person, make_shift())
    assert blocker.code == "over_monthly_max"
    assert blocker.message_params == {
        "hours_booked": 6.0,
        "shift_hours": 3.0,
        "max_hours": 8,
        "year": 2025,
        "month": 3,
    }


def test_monthly_maximum_may_be_reached_exactly_and_other_months_do_not_count():
    hours = {(2025, 3): 5, (2025, 2): 40}
    person = make_candidate(max_hours_per_month=8, hours_by_month=hours)
    assert check_eligibility(person, make_shift()) == []


def cert_shift(**overrides) -> ShiftSpec:
    return make_shift(specialty_code="care", requires_certificate=True, **overrides)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (SkillClaim("certified", date(2025, 3, 10)), []),
        (SkillClaim("certified", None), []),
        (SkillClaim("certified", date(2025, 3, 9)), ["certificate_expired"]),
        (SkillClaim("experienced"), ["certificate_missing"]),
        (None, ["no_specialty"]),
    ],
)
def test_required_certificate_must_be_valid_on_the_shift_date(claim, expected):
    specialties = {"care": claim} if claim else {"first_aid": SkillClaim("certified")}
    blockers = check_eligibility(make_candidate(specialties=specialties), cert_shift())
    assert codes(blockers) == expected


def test_expired_certificate_reports_days_and_on_date_moves_the_check():
    person = make_candidate(
        specialties={"care": SkillClaim("certified", date(2025, 3, 10))}
    )
    [blocker] = check_eligibility(person, cert_shift(), on_date=date(2025, 3, 13))
    assert blocker.code == "certificate_expired"
    assert blocker.message_params == {"days_expired": 3}


@pytest.mark.parametrize(
    ("level", "blocked"),
    [("interested", True), ("experienced", False), ("certified", False)],
)
def test_level_below_minimum_is_blocked(level, blocked):
    person = make_candidate(specialties={"care": SkillClaim(level)})
    shift = make_shift(specialty_code="care", min_level="experienced")
    blockers = check_eligibility(person, shift)
    expected = [{"level": level, "min_level": "experienced"}] if blocked else []
    assert [item.message_params for item in blockers] == expected


def test_every_broken_rule_is_reported():
    person = make_candidate(
        status="withdrawn",
        booked=((MONDAY_9, MONDAY_9 + timedelta(hours=1)),),
        specialties={"care": SkillClaim("interested")},
    )
    shift = cert_shift(min_level="experienced")
    assert codes(check_eligibility(person, shift)) == [
        "status_withdrawn",
        "overlapping_booking",
        "level_too_low",
        "certificate_missing",
    ]


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
