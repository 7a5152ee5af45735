"""Projects and shifts: pages, forms, weekly series, editing, cancelling."""

from datetime import time, timedelta

import pytest
from sqlalchemy import func, select

from tests.fixtures.projects import SHANGHAI, monday_in, project_data
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Project, Shift


def shift_data(**overrides):
    data = {
        "day": monday_in(2).isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "slots": "2",
        "specialty_id": "0",
        "min_level": "",
        "place": "",
        "district": "",
        "notes": "请带上工作证",
    }
    data.update(overrides)
    return data


def test_create_project_then_shift_then_weekly_series(coordinator_client, specialties):
    response = coordinator_client.post("/projects/new", data=project_data(specialties))
    project = db.session.scalar(select(Project))
    assert response.status_code == 302
    assert response.location.endswith(f"/projects/{project.id}/shifts/new")
    assert project.name_en == "Double Ninth visits"
    assert [s.code for s in project.specialties] == ["elder_care"]
    elder = specialties["elder_care"].id
    response = coordinator_client.post(
        f"/projects/{project.id}/shifts/new",
        data=shift_data(specialty_id=str(elder), min_level="experienced"),
    )
    shift = db.session.scalar(select(Shift))
    assert response.location.endswith(f"/projects/shifts/{shift.id}/copy")
    start = shift.starts_at.astimezone(SHANGHAI)
    assert (start.date(), start.hour, shift.hours) == (monday_in(2), 9, 3)
    assert shift.starts_at.utcoffset() == timedelta(0)  # stored in UTC
    assert (shift.min_level, shift.slots, shift.notes) == (
        "experienced",
        2,
        "请带上工作证",
    )
    # Monday to Friday for two weeks: nine more shifts in one step.
    coordinator_client.post(
        f"/projects/shifts/{shift.id}/copy",
        data={"weekdays": ["0", "1", "2", "3", "4"], "weeks": "2"},
    )
    shifts = db.session.scalars(select(Shift).order_by(Shift.starts_at)).all()
    days = [s.starts_at.astimezone(SHANGHAI).date() for s in shifts]
    assert len(shifts) == 10 and days[0] == monday_in(2)
    assert days[-1] == monday_in(3) + timedelta(days=4)
    assert all(s.starts_at.astimezone(SHANGHAI).hour == 9 for s in shifts)
    assert all(s.min_level == "experienced" and s.slots == 2 for s in shifts)
    # Running the copy again adds nothing.
    coordinator_client.post(
        f"/projects/shifts/{shift.id}/copy", data={"weekdays": ["0", "1"], "weeks": "2"}
    )
    assert db.session.scalar(select(func.count(Shift.id))) == 10
    page = coordinator_client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "重阳节长者探访" in page and page.count("shift-card") == 10


@pytest.mark.parametrize("lang,words", [("zh", "服务项目"), ("en", "Service projects")])
def test_pages_render_in_both_languages(
    coordinator_client, make_project, make_shift, lang, words
):
    project = make_project()
    shift = make_shift(project)
    index = coordinator_client.get(f"/projects?lang={lang}").get_data(as_text=True)
    assert words in index and project.display_name(lang) in index
    for url in (
        f"/projects/{project.id}",
        f"/projects/{project.id}/edit",
        f"/projects/{project.id}/shifts/new",
        f"/projects/{project.id}/autofill",
        f"/projects/{project.id}/chat",
        f"/projects/shifts/{shift.id}",
        f"/projects/shifts/{shift.id}/edit",
        f"/projects/shifts/{shift.id}/copy",
        f"/projects/shifts/{shift.id}/candidates",
    ):
        response = coordinator_client.get(f"{url}?lang={lang}")
        assert response.status_code == 200, url
    zh = coordinator_client.get(f"/projects/shifts/{shift.id}?lang=zh")
    assert "星期一" in zh.get_data(as_text=True)
    en = coordinator_client.get(f"/projects/shifts/{shift.id}?lang=en")
    assert "Monday" in en.get_data(as_text=True)


@pytest.mark.parametrize(
    "overrides,field_text",
    [
        ({"name_zh": ""}, "This field is required"),
        ({"name_zh": "x" * 100_000}, "200"),
        ({"status": "bogus"}, "Not a valid choice"),
        ({"start_date": "2026-13-45"}, "Not a valid date"),
        ({"end_date": "2020-01-01"}, "cannot be before"),
        ({"specialty_ids": ["999999"]}, "not a valid choice"),
        ({"name_zh": "a\x00b"}, "not allowed"),
    ],
)
def test_bad_project_input_changes_nothing(
    coordinator_client, specialties, overrides, field_text
):
    data = project_data(specialties, **overrides)
    response = coordinator_client.post("/projects/new?lang=en", data=data)
    assert response.status_code == 200
    assert field_text in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Project.id))) == 0


@pytest.mark.parametrize(
    "overrides,field_text",
    [
        ({"end_time": "08:00"}, "must end after it starts"),
        ({"slots": "0"}, "from 1 to 500"),
        ({"slots": "many"}, "Not a valid integer"),
        ({"day": ""}, "Enter a date"),
        ({"start_time": "25:00"}, "Not a valid time"),
        ({"min_level": "certified"}, "Choose the specialty"),
        ({"specialty_id": "987654"}, "Not a valid choice"),
        ({"notes": "x" * 100_000}, "1000"),
    ],
)
def test_bad_shift_input_changes_nothing(
    coordinator_client, make_project, overrides, field_text
):
    project = make_project()
    response = coordinator_client.post(
        f"/projects/{project.id}/shifts/new?lang=en", data=shift_data(**overrides)
    )
    assert response.status_code == 200
    assert field_text in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Shift.id))) == 0


def test_user_text_is_escaped(coordinator_client, make_project, make_shift):
    project = make_project(name_zh="<script>alert(1)</script>")
    make_shift(project, notes="<img src=x onerror=alert(1)>")
    page = coordinator_client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_edit_project_and_shift_is_audited(
    coordinator_client, make_project, make_shift, specialties
):
    project = make_project()
    shift = make_shift(project)
    coordinator_client.post(
        f"/projects/{project.id}/edit",
        data=project_data(specialties, name_zh="新名字", status="active"),
    )
    coordinator_client.post(
        f"/projects/shifts/{shift.id}/edit",
        data=shift_data(slots="5", end_time="13:00"),
    )
    db.session.refresh(project)
    db.session.refresh(shift)
    assert project.name_zh == "新名字" and shift.slots == 5 and shift.hours == 4
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert {"project.create", "project.update", "shift.update"} <= set(actions)


def test_shift_times_cannot_move_while_people_hold_it(
    coordinator_client, make_project, make_shift, make_person
):
    from volunteer_hub.projects.booking.services import assign_volunteer

    shift = make_shift(make_project(), specialty=None)
    assign_volunteer(shift, make_person())
    db.session.commit()
    response = coordinator_client.post(
        f"/projects/shifts/{shift.id}/edit?lang=en", data=shift_data(start_time="10:00")
    )
    assert "take them off before changing its times" in response.get_data(as_text=True)
    db.session.refresh(shift)
    assert shift.starts_at.astimezone(SHANGHAI).hour == 9


def test_cancel_shift_takes_everyone_off(
    coordinator_client, make_project, make_shift, make_person
):
    from volunteer_hub.projects.booking.services import assign_volunteer

    shift = make_shift(make_project(), specialty=None, slots=2)
    assignment = assign_volunteer(shift, make_person())
    db.session.commit()
    coordinator_client.post(
        f"/projects/shifts/{shift.id}/cancel", data={"reason": "台风"}
    )
    db.session.refresh(shift)
    db.session.refresh(assignment)
    assert shift.is_cancelled and assignment.status == "cancelled"


def test_a_refused_booking_names_its_reasons_for_every_caller(
    app, make_project, make_shift, make_person
):
    """The CLI and the demo get the sentence the candidates page shows."""
    from volunteer_hub.projects.booking.services import NotEligible, assign_volunteer

    project = make_project()
    morning = make_shift(project, specialty=None)
    clash = make_shift(project, start=time(10), end=time(11), specialty=None)
    person = make_person(name="陈红")
    assign_volunteer(morning, person)
    with pytest.raises(NotEligible) as refused:
        assign_volunteer(clash, person)
    message = str(refused.value.message)
    assert message == "陈红 不能参加此班次：已被安排在时间重叠的班次"
    assert [r.code for r in refused.value.blockers] == ["overlapping_booking"]


def test_series_keeps_local_wall_clock(make_project, make_shift):
    from volunteer_hub.projects.shifts.services import copy_shift

    shift = make_shift(make_project(), start=time(18, 30), end=time(20), specialty=None)
    copies = copy_shift(shift, weeks=3, weekdays=[2])
    assert len(copies) == 3  # Wednesday this week, next, and the one after
    assert all(c.starts_at.astimezone(SHANGHAI).time() == time(18, 30) for c in copies)
