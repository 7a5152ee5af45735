"""Ranking candidates, hard rules, proposing by hand, dated exceptions."""

from datetime import date, time, timedelta

from sqlalchemy import func, select

from tests.fixtures.projects import MONDAY_MORNING, local, monday_in, statuses
from volunteer_hub.extensions import db
from volunteer_hub.projects.booking import queries
from volunteer_hub.projects.booking import services as booking
from volunteer_hub.projects.models import Assignment
from volunteer_hub.volunteers.models import VolunteerSpecialty


def expire_certificate(volunteer, on: date):
    link = db.session.scalar(
        select(VolunteerSpecialty).where(
            VolunteerSpecialty.volunteer_id == volunteer.id
        )
    )
    link.certificate_expiry = on
    db.session.commit()


def test_ranking_explains_scores_and_blockers(
    coordinator_client, make_project, make_shift, make_person
):
    project = make_project()
    shift = make_shift(project, min_level="experienced", requires_certificate=True)
    other = make_shift(project, start=time(11), end=time(14))
    best = make_person(
        name="李秀英",
        skills={"elder_care": "certified"},
        slots={MONDAY_MORNING},
        is_core=True,
    )
    far = make_person(
        name="王建国", skills={"elder_care": "certified"}, district="福田区"
    )
    expired = make_person(name="赵丽", skills={"elder_care": "certified"})
    expire_certificate(expired, monday_in(2) - timedelta(days=10))
    low = make_person(name="孙悦", skills={"elder_care": "interested"})
    inactive = make_person(
        name="钱进", skills={"elder_care": "certified"}, status="inactive"
    )
    busy = make_person(name="周琴", skills={"elder_care": "certified"})
    booking.assign_volunteer(other, busy)
    db.session.commit()

    ranked, _ = queries.rank_for_shift(shift)
    eligible = [s.volunteer_id for s in ranked if s.eligible]
    assert eligible == [best.id, far.id]
    blocked = {
        s.volunteer_id: [b.code for b in s.blockers] for s in ranked if not s.eligible
    }
    assert blocked[expired.id] == ["certificate_expired"]
    assert blocked[low.id] == ["level_too_low", "certificate_missing"]
    assert blocked[inactive.id] == ["status_inactive"]
    assert blocked[busy.id] == ["overlapping_booking"]

    page = coordinator_client.get(
        f"/projects/shifts/{shift.id}/candidates?lang=zh"
    ).get_data(as_text=True)
    assert page.index("李秀英") < page.index("王建国") < page.index("赵丽")
    for words in (
        "核心志愿者",
        "住在同一街道或社区",
        "通常这个时段有空",
        "证书在当天有效",
        "已被安排在时间重叠的班次",
        "已停用",
        "证书在班次前 10 天已过期",
    ):
        assert words in page, words
    en = coordinator_client.get(
        f"/projects/shifts/{shift.id}/candidates?lang=en"
    ).get_data(as_text=True)
    assert "Already booked on an overlapping shift" in en
    assert "Level Interested, the shift needs at least Experienced" in en


def test_back_to_back_is_not_an_overlap(make_project, make_shift, make_person):
    project = make_project()
    morning = make_shift(project, specialty=None, start=time(9), end=time(12))
    afternoon = make_shift(project, specialty=None, start=time(12), end=time(15))
    person = make_person()
    booking.assign_volunteer(morning, person)
    booking.assign_volunteer(afternoon, person)
    db.session.commit()
    assert len(statuses()) == 2


def test_propose_from_ranking_and_refuse_hard_rules(
    coordinator_client, make_project, make_shift, make_person
):
    project = make_project()
    shift = make_shift(project, specialty=None, slots=1)
    clash = make_shift(project, specialty=None, start=time(10), end=time(11))
    first, second = make_person(name="陈红"), make_person(name="刘勇")
    response = coordinator_client.post(
        f"/projects/shifts/{shift.id}/assign", data={"volunteer_id": first.id}
    )
    assert response.status_code == 302
    assignment = db.session.scalar(select(Assignment))
    assert (assignment.status, assignment.origin) == ("proposed", "manual")
    assert assignment.score is not None and assignment.reasons
    # Full now.
    page = coordinator_client.post(
        f"/projects/shifts/{shift.id}/assign?lang=en",
        data={"volunteer_id": second.id},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "This shift is already full." in page
    # Overlap with the shift first already holds.
    page = coordinator_client.post(
        f"/projects/shifts/{clash.id}/assign?lang=en",
        data={"volunteer_id": first.id},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "cannot take this shift: Already booked on an overlapping shift" in page
    assert db.session.scalar(select(func.count(Assignment.id))) == 1
    # Nonsense ids never crash.
    for bad in ("", "abc", "99999999999999", "-1"):
        response = coordinator_client.post(
            f"/projects/shifts/{shift.id}/assign", data={"volunteer_id": bad}
        )
        assert response.status_code == 404


def test_monthly_maximum_counts_shifts_and_hours_entered_by_hand(
    make_project, make_shift, make_person, make_service_record, move_clock
):
    project = make_project()
    day = monday_in(2)
    first = make_shift(project, specialty=None, day=day, start=time(9), end=time(12))
    second = make_shift(
        project,
        specialty=None,
        day=day + timedelta(days=1),
        start=time(9),
        end=time(12),
    )
    person = make_person(max_hours_per_month=5)
    booking.assign_volunteer(first, person)
    db.session.commit()
    ranked, _ = queries.rank_for_shift(second)
    (mine,) = [s for s in ranked if s.volunteer_id == person.id]
    assert [b.code for b in mine.blockers] == ["over_monthly_max"]
    assert mine.blockers[0].message_params["hours_booked"] == 3.0


def test_hand_entered_hours_count_towards_the_maximum(
    make_project, make_shift, make_person, make_service_record, move_clock
):
    move_clock(local(date(2027, 3, 10), time(9)))
    project = make_project()
    shift = make_shift(project, specialty=None, day=date(2027, 3, 22))
    april = make_shift(project, specialty=None, day=date(2027, 4, 5))
    person = make_person(max_hours_per_month=4)
    make_service_record(person, hours="2", served_on=date(2027, 3, 5))
    ranked, _ = queries.rank_for_shift(shift)
    (mine,) = [s for s in ranked if s.volunteer_id == person.id]
    assert [b.code for b in mine.blockers] == ["over_monthly_max"]
    ranked, _ = queries.rank_for_shift(april)
    assert [s.eligible for s in ranked if s.volunteer_id == person.id] == [True]


def test_withdrawal_takes_volunteer_off_future_shifts(
    make_project, make_shift, make_person
):
    from volunteer_hub.volunteers.services_lifecycle import withdraw_volunteer

    shift = make_shift(make_project(), specialty=None)
    person = make_person()
    assignment = booking.assign_volunteer(shift, person)
    db.session.commit()
    withdraw_volunteer(person, reason="搬家")
    db.session.commit()
    db.session.refresh(assignment)
    assert assignment.status == "cancelled"


def test_volunteer_pages_show_upcoming_shifts(
    coordinator_client, make_project, make_shift, make_person
):
    shift = make_shift(make_project(), specialty=None)
    person = make_person()
    booking.assign_volunteer(shift, person)
    db.session.commit()
    page = coordinator_client.get(f"/volunteers/{person.id}?lang=zh").get_data(
        as_text=True
    )
    assert "即将到来的班次" in page and "长者居家探访周" in page and "已推荐" in page


def _score_with(availability, exceptions):
    from volunteer_hub.matching import Candidate, ShiftSpec, Weights, score_candidate
    from volunteer_hub.matching.scoring import ScoringContext

    day = monday_in(2)
    shift = ShiftSpec(1, local(day, time(9)), local(day, time(14)))
    person = Candidate(
        1, availability=frozenset(availability), date_exceptions=exceptions
    )
    scored = score_candidate(person, shift, Weights(), context=ScoringContext())
    return [
        (r.code, r.points)
        for r in scored.reasons
        if "avail" in r.code or "away" in r.code
    ]


def test_dated_exceptions_override_the_weekly_pattern():
    day = monday_in(2)
    weekly = {(0, "morning"), (0, "afternoon")}
    assert _score_with(weekly, {}) == [("available", 20.0)]
    assert _score_with(weekly, {(day, None): False}) == [("away_on_date", -20.0)]
    assert _score_with(weekly, {(day, "afternoon"): False}) == [("away_on_date", -20.0)]
    assert _score_with({(0, "morning")}, {(day, "afternoon"): True}) == [
        ("available", 20.0)
    ]
    assert _score_with(set(), {(day, None): True}) == [("available", 20.0)]
    assert _score_with(set(), {(day + timedelta(days=1), None): False}) == []
    assert _score_with(weekly, {(day + timedelta(days=1), None): False}) == [
        ("available", 20.0)
    ]


def test_away_dates_from_the_volunteer_count_in_the_ranking(
    coordinator_client, make_project, make_shift, make_person
):
    from volunteer_hub.volunteers.services import add_exception

    shift = make_shift(make_project(), specialty=None)
    away = make_person(name="吴霞", slots={MONDAY_MORNING})
    add_exception(away, day=monday_in(2), part=None, available=False, note="回老家")
    db.session.commit()
    page = coordinator_client.get(
        f"/projects/shifts/{shift.id}/candidates?lang=zh"
    ).get_data(as_text=True)
    assert "吴霞" in page and "表示这天没空" in page


def test_the_candidates_page_shows_one_page_of_each_list(
    coordinator_client, make_project, make_shift, make_person
):
    shift = make_shift(make_project(), specialty=None)
    for _ in range(32):
        make_person()
    for name in ("钱进", "赵丽"):
        make_person(name=name, status="inactive")
    db.session.commit()
    page = coordinator_client.get(
        f"/projects/shifts/{shift.id}/candidates?lang=en"
    ).get_data(as_text=True)
    assert "32 volunteers can take this shift" in page
    assert "2 volunteers cannot take it" in page
    assert page.count('class="card candidate"') == 30  # the first page of 30
    assert page.count('class="reasons blockers"') == 2
    assert "钱进" in page and "赵丽" in page and page.count("<li>Inactive</li>") == 2
    page = coordinator_client.get(
        f"/projects/shifts/{shift.id}/candidates?lang=en&show=100"
    ).get_data(as_text=True)
    assert page.count('class="card candidate"') == 32
