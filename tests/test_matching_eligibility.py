"""Eligibility rules for volunteer matching: status, overlaps, monthly maximum,
certificates, levels."""

from datetime import date, timedelta

import pytest

from tests.fixtures.matching import (
    MONDAY_9,
    codes,
    make_candidate,
    make_shift,
)
from volunteer_hub.matching import (
    ShiftSpec,
    SkillClaim,
    check_eligibility,
)


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
