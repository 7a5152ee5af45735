"""Auto-fill: the best roster for a project's open places, in one transaction."""

from datetime import time, timedelta

from sqlalchemy import select

from tests.fixtures.projects import MONDAY_MORNING, monday_in, statuses
from volunteer_hub.extensions import db
from volunteer_hub.projects.booking import services as booking
from volunteer_hub.projects.models import Assignment


def test_autofill_fills_best_roster_without_double_booking(
    coordinator_client, make_project, make_shift, make_person
):
    project = make_project()
    day = monday_in(2)
    a = make_shift(project, specialty=None, day=day, start=time(9), end=time(12))
    b = make_shift(project, specialty=None, day=day, start=time(10), end=time(13))
    c = make_shift(project, specialty=None, day=day, start=time(13), end=time(15))
    core = make_person(name="马丽", is_core=True, slots={MONDAY_MORNING})
    plain = make_person(name="黄河")
    capped = make_person(name="林海", max_hours_per_month=3)
    page = coordinator_client.get(f"/projects/{project.id}/autofill?lang=en")
    assert "3 open places" in page.get_data(as_text=True)
    response = coordinator_client.post(f"/projects/{project.id}/autofill", data={})
    assert response.status_code == 302
    booked = statuses()
    assert len(booked) == 3 and set(booked.values()) == {"proposed"}
    by_person = {}
    for shift_id, volunteer_id in booked:
        by_person.setdefault(volunteer_id, []).append(shift_id)
    # Nobody on both overlapping morning shifts, the capped person on one shift.
    assert all(not {a.id, b.id} <= set(shifts) for shifts in by_person.values())
    assert len(by_person.get(capped.id, [])) <= 1
    assert (a.id, core.id) in booked or (b.id, core.id) in booked
    assert all(a.origin == "auto" for a in db.session.scalars(select(Assignment)))
    assert plain.id in by_person
    # Running it again proposes nothing more: every place is held.
    page = coordinator_client.post(
        f"/projects/{project.id}/autofill?lang=en", data={}, follow_redirects=True
    ).get_data(as_text=True)
    assert "0 volunteers have been proposed" in page
    assert c.id in {s for s, _ in booked}


def test_autofill_date_range_and_declined_people(make_project, make_shift, make_person):
    project = make_project()
    day = monday_in(2)
    first = make_shift(project, specialty=None, day=day)
    later = make_shift(project, specialty=None, day=day + timedelta(days=7))
    person = make_person()
    made, dropped = booking.autofill(project, start=day, end=day)
    assert [(m.shift_id, m.volunteer_id) for m in made] == [(first.id, person.id)]
    assert dropped == 0
    booking.release(made[0], "declined")
    db.session.commit()
    made, _ = booking.autofill(project)
    assert [(m.shift_id, m.volunteer_id) for m in made] == [(later.id, person.id)]


def test_autofill_with_nothing_to_fill_says_so(coordinator_client, make_project):
    project = make_project()
    page = coordinator_client.post(
        f"/projects/{project.id}/autofill?lang=en",
        data={"start": "2020-01-02", "end": "2020-01-01"},
    ).get_data(as_text=True)
    assert "cannot be before the start" in page
    page = coordinator_client.post(
        f"/projects/{project.id}/autofill?lang=en", data={}
    ).get_data(as_text=True)
    assert "no upcoming shifts to fill" in page


def test_autofill_right_after_copying_in_one_transaction(
    make_project, make_shift, make_person
):
    from volunteer_hub.projects.shifts.services import copy_shift

    project = make_project()
    first = make_shift(project, specialty=None, slots=2)
    copy_shift(first, weeks=2, weekdays=[0, 2])
    make_person(), make_person()
    made, _ = booking.autofill(project)
    assert len(made) == 8  # 4 shifts × 2 places, no overlaps between them


def test_autofill_writes_one_row_and_one_audit_event_per_proposal(
    coordinator_client, make_project, make_shift, make_person
):
    from decimal import Decimal

    from volunteer_hub.audit.models import AuditEvent

    project = make_project()
    day = monday_in(2)
    for offset in range(3):
        make_shift(project, specialty=None, day=day + timedelta(days=offset), slots=2)
    for _ in range(5):
        make_person()
    hand = make_shift(make_project(name_zh="社区义诊"), specialty=None, day=day)
    coordinator_client.post(
        f"/projects/shifts/{hand.id}/assign", data={"volunteer_id": make_person().id}
    )
    coordinator_client.post(f"/projects/{project.id}/autofill", data={})

    rows = db.session.scalars(
        select(Assignment).where(Assignment.shift_id != hand.id)
    ).all()
    assert len(rows) == 6 and len({(r.shift_id, r.volunteer_id) for r in rows}) == 6
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "assignment.propose")
    ).all()
    by_entity = {event.entity_id: event for event in events}
    assert len(events) == len(by_entity) == 7  # one each, the manual one included
    manual = by_entity[
        str(
            db.session.scalar(
                select(Assignment.id).where(Assignment.shift_id == hand.id)
            )
        )
    ]
    for row in rows:
        event = by_entity[str(row.id)]
        assert (row.status, row.origin) == ("proposed", "auto")
        assert row.created_by_id == coordinator_client.user.id
        assert row.reasons and {"code", "params"} == set(row.reasons[0])
        assert (event.entity_type, event.before, event.note) == (
            "assignments",
            None,
            "",
        )
        after = dict(event.after)
        assert Decimal(after.pop("score")) == row.score
        assert after == {
            "shift_id": row.shift_id,
            "volunteer_id": row.volunteer_id,
            "status": "proposed",
            "origin": "auto",
        }
        # Who and from where, as a booking made one at a time records it.
        assert (event.actor_id, event.actor_label, event.ip_address) == (
            manual.actor_id,
            manual.actor_label,
            manual.ip_address,
        )
    assert manual.actor_id == coordinator_client.user.id


def test_autofill_reuses_a_row_taken_and_let_go_meanwhile(
    make_project, make_shift, make_person, monkeypatch
):
    from volunteer_hub.audit.models import AuditEvent

    project = make_project()
    shift = make_shift(project, specialty=None, slots=2)
    first, second = make_person(), make_person()
    solve = booking.propose_roster

    def meanwhile(*args, **kwargs):
        roster = solve(*args, **kwargs)
        # Between the roster and the locks: someone else books one of the
        # people the roster proposes, then takes them off again.
        taken = booking.assign_volunteer(shift, first)
        booking.release(taken, "cancelled")
        return roster

    monkeypatch.setattr(booking, "propose_roster", meanwhile)
    made, dropped = booking.autofill(project)
    assert dropped == 0
    assert sorted(m.volunteer_id for m in made) == sorted([first.id, second.id])
    rows = db.session.scalars(select(Assignment)).all()
    assert len(rows) == 2 and {r.status for r in rows} == {"proposed"}
    reused = next(r for r in rows if r.volunteer_id == first.id)
    proposals = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "assignment.propose")
        .order_by(AuditEvent.id)
    ).all()
    other = next(r.id for r in rows if r.volunteer_id == second.id)
    assert (proposals[0].entity_id, proposals[0].before) == (str(reused.id), None)
    # Then auto-fill's: the row taken and let go is reused, the other is new.
    assert sorted((e.entity_id, e.before or {}) for e in proposals[1:]) == sorted(
        [(str(reused.id), {"status": "cancelled"}), (str(other), {})]
    )
