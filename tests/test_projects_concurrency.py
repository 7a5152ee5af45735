"""Two coordinators booking at the same moment: the rules still hold.

Real concurrent requests from two threads, on whichever database the suite
runs on (SQLite or PostgreSQL). The rule checks are slowed down inside the
locked section, so that without the lock both requests would pass them
before either had written its booking.
"""

import threading
import time as walltime
from datetime import time

import pytest
from sqlalchemy import select

from tests.conftest import login
from tests.fixtures.projects import monday_in
from volunteer_hub.extensions import db
from volunteer_hub.projects.booking import services as booking
from volunteer_hub.projects.models import HOLDING, Assignment


@pytest.fixture
def slow_checks(monkeypatch):
    original = booking.check_eligibility

    def slow(*args, **kwargs):
        walltime.sleep(0.3)
        return original(*args, **kwargs)

    monkeypatch.setattr(booking, "check_eligibility", slow)


def race(app, requests):
    """Send each (user, url, data) at once from its own thread."""
    barrier = threading.Barrier(len(requests))
    codes, errors = [], []

    def run(user, url, data):
        try:
            with app.app_context():
                client = app.test_client()
                if user is not None:
                    login(client, user)
                barrier.wait()
                codes.append(client.post(url, data=data).status_code)
        except Exception as error:  # surfaced below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=item) for item in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return codes


def holding(volunteer_id=None):
    statement = select(Assignment).where(Assignment.status.in_(HOLDING))
    if volunteer_id is not None:
        statement = statement.where(Assignment.volunteer_id == volunteer_id)
    return db.session.scalars(statement).all()


@pytest.mark.parametrize("scenario", ["overlap", "monthly_max", "last_place"])
def test_concurrent_assignments_never_break_the_rules(
    app, make_project, make_shift, make_person, make_user, slow_checks, scenario
):
    project = make_project()
    day = monday_in(2)
    first = make_shift(project, specialty=None, day=day, start=time(9), end=time(12))
    if scenario == "overlap":
        second = make_shift(
            project, specialty=None, day=day, start=time(11), end=time(14)
        )
    else:
        second = make_shift(
            project, specialty=None, day=day, start=time(14), end=time(17)
        )
    person = make_person(max_hours_per_month=4 if scenario == "monthly_max" else None)
    other = make_person()
    one, two = make_user(), make_user()
    if scenario == "last_place":
        requests = [
            (one, f"/projects/shifts/{first.id}/assign", {"volunteer_id": person.id}),
            (two, f"/projects/shifts/{first.id}/assign", {"volunteer_id": other.id}),
        ]
    else:
        requests = [
            (one, f"/projects/shifts/{first.id}/assign", {"volunteer_id": person.id}),
            (two, f"/projects/shifts/{second.id}/assign", {"volunteer_id": person.id}),
        ]
    codes = race(app, requests)
    assert codes == [302, 302]  # both answered normally, one with a refusal
    db.session.expire_all()
    if scenario == "last_place":
        assert len([a for a in holding() if a.shift_id == first.id]) == 1
    else:
        assert len(holding(person.id)) == 1


def test_concurrent_autofill_and_manual_booking(
    app, make_project, make_shift, make_person, make_user, slow_checks
):
    day = monday_in(2)
    project = make_project()
    other_project = make_project(name_zh="社区义诊")
    make_shift(project, specialty=None, day=day, start=time(9), end=time(12))
    clash = make_shift(
        other_project, specialty=None, day=day, start=time(10), end=time(11)
    )
    person = make_person()
    one, two = make_user(), make_user()
    codes = race(
        app,
        [
            (one, f"/projects/{project.id}/autofill", {}),
            (two, f"/projects/shifts/{clash.id}/assign", {"volunteer_id": person.id}),
        ],
    )
    assert codes == [302, 302]
    db.session.expire_all()
    assert len(holding(person.id)) == 1


def test_double_tap_on_confirm_queues_one_reminder(
    app, make_project, make_shift, make_person, monkeypatch
):
    from volunteer_hub.outbox.models import OutboxMessage
    from volunteer_hub.projects.invitations import services as invitations

    shift = make_shift(make_project(), specialty=None)
    assignment = booking.assign_volunteer(shift, make_person())
    with app.test_request_context():
        secret = invitations.invite(assignment)
    db.session.commit()
    original = invitations._queue_reminder

    def slow(*args, **kwargs):
        walltime.sleep(0.3)
        return original(*args, **kwargs)

    monkeypatch.setattr(invitations, "_queue_reminder", slow)
    url = f"/shifts/r/{secret}"
    codes = race(app, [(None, url, {"action": "confirm"})] * 2)
    assert codes == [302, 302]
    db.session.expire_all()
    reminders = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.subject.contains("提醒"))
    ).all()
    assert len(reminders) == 1
