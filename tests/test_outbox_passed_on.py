"""Without a mail server, staff see how many messages wait to be passed on, copy
each one and mark it passed on; the mark is audited and forgets a kept link."""

from __future__ import annotations

from sqlalchemy import select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.outbox.services import queue_message

SECRET = "https://example.org/v/" + "s" * 43


def _stored(subject="请转交", secret=None) -> OutboxMessage:
    body = f"您好，您的链接：{SECRET}" if secret else "您好"
    message = queue_message(to_address=None, subject=subject, body=body, secret=secret)
    db.session.commit()
    return message


def test_the_list_counts_what_waits_and_offers_copy_and_mark(coordinator_client):
    plain, linked = _stored("第一条"), _stored("第二条", secret=SECRET)
    page = coordinator_client.get("/messages/?lang=zh").get_data(as_text=True)
    assert "2 条消息未通过邮件发出" in page
    assert f'data-copy="#message-text-{plain.id}"' in page
    # The text with a kept link is copied from its own page, after showing it once.
    assert f'id="message-text-{linked.id}"' not in page
    assert page.count(">标记为已转交</button>") == 2


def test_mark_passed_on_records_it_and_forgets_the_link(coordinator_client):
    message = _stored(secret=SECRET)
    assert message.private_body is not None
    answer = coordinator_client.post(f"/messages/{message.id}/passed")
    assert answer.status_code == 302
    db.session.refresh(message)
    assert (message.status, message.private_body) == ("passed", None)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "outbox.passed_on")
    )
    assert event.entity_id == str(message.id)
    assert event.actor_id == coordinator_client.user.id
    page = coordinator_client.get("/messages/?lang=en").get_data(as_text=True)
    assert "No message is waiting to be passed on." in page
    assert "Passed on by hand" in page


def test_a_message_sent_or_already_passed_cannot_be_marked(coordinator_client):
    message = _stored()
    coordinator_client.post(f"/messages/{message.id}/passed")
    again = coordinator_client.post(f"/messages/{message.id}/passed?lang=en")
    assert again.status_code == 302
    page = coordinator_client.get("/messages/?lang=en").get_data(as_text=True)
    assert "Only a message that was not e-mailed can be passed on." in page
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "outbox.passed_on")
    ).all()
    assert len(events) == 1


def test_a_viewer_cannot_mark(viewer_client):
    message = _stored()
    assert viewer_client.post(f"/messages/{message.id}/passed").status_code in (
        302,
        403,
    )
    db.session.refresh(message)
    assert message.status == "stored"
