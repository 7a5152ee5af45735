"""Invitations, replies by link and from the volunteer's page, reminders.

The chat text and the calendar file are tested in test_projects_chat_calendar.py.
"""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.fixtures.projects import invite_via_page, link_in
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.projects.invitations import services as invitations
from volunteer_hub.projects.models import Assignment


def test_invitation_goes_through_outbox_with_ics(coordinator_client, proposed):
    message = invite_via_page(coordinator_client, proposed)
    db.session.refresh(proposed)
    assert proposed.status == "invited" and proposed.reply_secret_hash
    assert message.to_address == "li@example.org" and message.status == "stored"
    assert message.subject == "志愿服务邀请"
    assert (
        "李秀英" in message.body
        and "邀请您参加" in message.body
        and "长者居家探访周" in message.body
    )
    assert "带血压计 & 口罩" in message.body  # plain text, not HTML-escaped
    assert message.attachment_name == "shift.ics"
    ics = message.attachment.decode()
    start = proposed.shift.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in ics and "BEGIN:VEVENT" in ics
    assert "\r\n" in ics and all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    # The secret is only in the message; the database keeps its hash.
    secret = link_in(message)
    assert secret not in (proposed.reply_secret_hash or "")


def test_volunteer_confirms_from_link_and_reminder_is_queued(
    client, coordinator_client, proposed
):
    secret = link_in(invite_via_page(coordinator_client, proposed))
    page = client.get(f"/shifts/r/{secret}?lang=zh").get_data(as_text=True)
    assert "李秀英" in page and "好的，我会参加" in page
    assert client.get(f"/shifts/r/{secret}?lang=en").status_code == 200
    response = client.post(f"/shifts/r/{secret}", data={"action": "confirm"})
    assert response.status_code == 302
    db.session.refresh(proposed)
    assert proposed.status == "confirmed"
    reminder = db.session.get(OutboxMessage, proposed.reminder_message_id)
    assert reminder.send_after == proposed.shift.starts_at - timedelta(days=1)
    assert reminder.attachment_name == "shift.ics" and "提醒" in reminder.body
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "assignment.confirm")
    )
    assert event.actor_label == f"volunteer:{proposed.volunteer_id}"
    ics = client.get(f"/shifts/r/{secret}/shift.ics")
    assert ics.mimetype == "text/calendar" and b"BEGIN:VCALENDAR" in ics.data


def test_decline_withdraws_reminder_and_suggests_next_best(
    client, coordinator_client, proposed, make_person
):
    backup = make_person(name="王建国")
    secret = link_in(invite_via_page(coordinator_client, proposed))
    client.post(f"/shifts/r/{secret}", data={"action": "confirm"})
    db.session.refresh(proposed)
    reminder_id = proposed.reminder_message_id
    client.post(f"/shifts/r/{secret}", data={"action": "decline", "note": "家里有事"})
    db.session.refresh(proposed)
    assert proposed.status == "declined" and proposed.note == "家里有事"
    assert reminder_id is not None
    subjects = db.session.scalars(select(OutboxMessage.subject)).all()
    assert not [subject for subject in subjects if "提醒" in subject]
    withdrawn = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "outbox.withdraw")
    )
    assert withdrawn.before == {"reminder_message_id": reminder_id}
    assert withdrawn.note == ""
    notice = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()[
        -1
    ]
    assert notice.to_address == coordinator_client.user.email
    assert "李秀英" in notice.body and "家里有事" in notice.body
    assert f"/projects/shifts/{proposed.shift_id}" in notice.body
    page = coordinator_client.get(f"/projects/shifts/{proposed.shift_id}?lang=zh")
    html = page.get_data(as_text=True)
    assert "有人婉拒：推荐替补人选" in html and "王建国" in html
    project_page = coordinator_client.get(f"/projects/{proposed.shift.project_id}")
    assert "1 人婉拒" in project_page.get_data(as_text=True)
    coordinator_client.post(
        f"/projects/shifts/{proposed.shift_id}/assign",
        data={"volunteer_id": backup.id, "origin": "replacement"},
    )
    replacement = db.session.scalar(
        select(Assignment).where(Assignment.volunteer_id == backup.id)
    )
    assert (replacement.status, replacement.origin) == ("proposed", "replacement")


def test_bad_links_are_404_and_bad_actions_400(client, coordinator_client, proposed):
    secret = link_in(invite_via_page(coordinator_client, proposed))
    for bad in ("x", "a" * 300, secret[:-1] + ("A" if secret[-1] != "A" else "B")):
        assert client.get(f"/shifts/r/{bad}").status_code == 404
    assert (
        client.post(f"/shifts/r/{secret}", data={"action": "hack"}).status_code == 400
    )
    # Inviting again replaces the link: the old one stops working.
    invite_via_page(coordinator_client, proposed)
    assert client.get(f"/shifts/r/{secret}").status_code == 404


def test_reply_after_the_shift_started_is_refused(
    client, coordinator_client, proposed, move_clock
):
    secret = link_in(invite_via_page(coordinator_client, proposed))
    move_clock(proposed.shift.starts_at + timedelta(minutes=1))
    page = client.post(
        f"/shifts/r/{secret}?lang=en", data={"action": "confirm"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "can no longer be answered" in page
    db.session.refresh(proposed)
    assert proposed.status == "invited"


def test_volunteer_answers_from_their_personal_page(
    coordinator_client, client, proposed
):
    from volunteer_hub.links import hash_secret, new_secret

    secret = new_secret()
    proposed.volunteer.link_secret_hash = hash_secret(secret)
    db.session.commit()
    page = client.get(f"/v/{secret}?lang=zh").get_data(as_text=True)
    assert "即将到来的班次" in page and "长者居家探访周" not in page  # not invited yet
    invite_via_page(coordinator_client, proposed)
    page = client.get(f"/v/{secret}?lang=zh").get_data(as_text=True)
    assert "长者居家探访周" in page and "请回复" in page
    client.post(f"/v/{secret}/shifts/{proposed.id}/confirm")
    db.session.refresh(proposed)
    assert proposed.status == "confirmed"
    # Someone else's assignment id, or a wrong secret: 404.
    assert client.post(f"/v/{secret}/shifts/999/decline").status_code == 404
    assert client.post(f"/v/wrong/shifts/{proposed.id}/decline").status_code == 404


def test_hostile_reply_notes(client, coordinator_client, proposed):
    secret = link_in(invite_via_page(coordinator_client, proposed))
    page = client.post(
        f"/shifts/r/{secret}?lang=en", data={"action": "decline", "note": "x" * 100_000}
    )
    assert page.status_code == 200 and "500" in page.get_data(as_text=True)
    db.session.refresh(proposed)
    assert proposed.status == "invited"
    client.post(
        f"/shifts/r/{secret}",
        data={"action": "decline", "note": "<script>alert(1)</script>"},
    )
    html = coordinator_client.get(f"/projects/shifts/{proposed.shift_id}").get_data(
        as_text=True
    )
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


@pytest.mark.csrf
def test_reply_without_csrf_token_changes_nothing(app, client, proposed):
    with app.test_request_context():
        secret = invitations.invite(proposed)
    db.session.commit()
    response = client.post(f"/shifts/r/{secret}", data={"action": "confirm"})
    assert response.status_code == 400
    db.session.refresh(proposed)
    assert proposed.status == "invited"


def test_one_invitation_per_volunteer_lists_all_shifts_and_confirm_all(
    coordinator_client, client, proposed, two_shifts
):
    second, secret = two_shifts
    volunteer = proposed.volunteer
    response = coordinator_client.post(
        f"/projects/{second.project_id}/invite?lang=zh", follow_redirects=True
    )
    page = response.get_data(as_text=True)
    # No mail server: the page says the message waits, with a link to it.
    assert "已发送" not in page and "/messages/?status=waiting" in page
    messages = db.session.scalars(select(OutboxMessage)).all()
    assert len(messages) == 1 and messages[0].status == "stored"
    body = messages[0].private_body
    assert body.count("/shifts/r/") == 2 and "桃源社区活动室" in body
    assert "/shifts/r/" not in messages[0].body  # staff never read the links
    page = client.get(f"/v/{secret}?lang=zh").get_data(as_text=True)
    assert "全部 2 个班次我都参加" in page
    client.post(f"/v/{secret}/shifts/confirm-all")
    statuses = db.session.scalars(
        select(Assignment.status).where(Assignment.volunteer_id == volunteer.id)
    )
    assert set(statuses) == {"confirmed"}


def test_invitation_flash_says_sent_with_a_mail_server(
    app, coordinator_client, proposed, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    response = coordinator_client.post(
        f"/projects/{proposed.shift.project_id}/invite?lang=zh",
        follow_redirects=True,
    )
    assert "已发送 1 份邀请" in response.get_data(as_text=True)


def test_withdrawal_tells_the_coordinator_of_the_shift(
    app, coordinator_client, proposed
):
    from volunteer_hub.volunteers import signals

    invite_via_page(coordinator_client, proposed)
    with app.test_request_context("/"):
        signals.volunteer_withdrawn.send(proposed.volunteer)
    db.session.commit()
    subjects = db.session.scalars(
        select(OutboxMessage.subject).where(OutboxMessage.entity_type == "shifts")
    ).all()
    assert subjects == ["有志愿者离开了班次"]
