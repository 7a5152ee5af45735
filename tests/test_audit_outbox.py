"""The append-only audit log, its browser, the outbox, and demo data."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.audit.models import AppendOnlyError, AuditEvent
from volunteer_hub.audit.services import record
from volunteer_hub.auth.models import User
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import update_organisation
from volunteer_hub.outbox import services as outbox
from volunteer_hub.outbox.models import OutboxMessage


def test_audit_events_cannot_be_changed_or_deleted(app, org):
    event = db.session.scalar(select(AuditEvent))
    event.action = "forged"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEvent)))
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.action)) == "organisation.create"


def test_admin_filters_the_audit_log(admin_client, make_user):
    target = make_user(name="被审计的人")
    admin_client.post(
        f"/staff/{target.id}", data={"name": "新名字", "role": "viewer", "active": "y"}
    )
    page = admin_client.get(
        f"/audit/?entity_type=users&entity_id={target.id}&lang=en"
    ).get_data(as_text=True)
    assert "Staff account changed" in page and "Staff account created" in page
    assert "Organisation profile created" not in page
    assert "新名字" in page and "被审计的人" in page
    by_action = admin_client.get("/audit/?action=organisation").get_data(as_text=True)
    assert "Organisation profile created" in by_action
    assert "Staff account changed" not in by_action
    actor = admin_client.user.id
    by_actor = admin_client.get(f"/audit/?actor={actor}").get_data(as_text=True)
    assert "Staff account changed" in by_actor
    assert "Organisation profile created" not in by_actor


def test_audit_filter_by_date_and_bad_filters(admin_client):
    today = clock.now().astimezone(ZoneInfo("Asia/Shanghai")).date()
    page = admin_client.get(f"/audit/?since={today}&until={today}&lang=en").get_data(
        as_text=True
    )
    assert "Organisation profile created" in page
    tomorrow = today + timedelta(days=1)
    page = admin_client.get(f"/audit/?since={tomorrow}").get_data(as_text=True)
    assert "Organisation profile created" not in page and "No events match." in page
    for bad in ["since=notadate", "actor=abc", "page=-3", "page=99999999999"]:
        assert admin_client.get(f"/audit/?{bad}").status_code == 200


def test_records_without_staff_name_the_actor(app, org):
    record("volunteer.signup", org, actor_label="volunteer:7")
    db.session.commit()
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "volunteer.signup")
    )
    assert event.actor_id is None and event.actor_label == "volunteer:7"


def test_messages_without_smtp_are_stored_for_staff(app, coordinator_client):
    message = outbox.queue_message(
        to_address="v@example.org", subject="链接", body="您的链接：https://x/v/abc"
    )
    db.session.commit()
    assert message.status == "stored"
    page = coordinator_client.get(f"/messages/{message.id}").get_data(as_text=True)
    assert "您的链接：https://x/v/abc" in page
    listing = coordinator_client.get("/messages/?status=stored").get_data(as_text=True)
    assert "链接" in listing


class FakeSMTP:
    sent: list = []

    def __init__(self, host, port, timeout):
        self.host = host

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        if "fail" in message["To"]:
            raise OSError("mailbox unavailable")
        FakeSMTP.sent.append(message)


def test_delivery_through_smtp_with_retries(app, monkeypatch):
    app.config["MAIL_SERVER"] = "smtp.example.org"
    monkeypatch.setattr(outbox.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent = []
    ok = outbox.queue_message(
        to_address="a@example.org",
        subject="Hi",
        body="body",
        attachment=("shift.ics", "text/calendar", b"BEGIN:VCALENDAR"),
    )
    bad = outbox.queue_message(to_address="fail@example.org", subject="X", body="y")
    later = outbox.queue_message(
        to_address="b@example.org",
        subject="Tomorrow",
        body="z",
        send_after=clock.now() + timedelta(days=1),
    )
    no_address = outbox.queue_message(to_address=None, subject="N", body="n")
    db.session.commit()
    assert outbox.deliver_due() == 1
    assert [m["To"] for m in FakeSMTP.sent] == ["a@example.org"]
    attachment = next(FakeSMTP.sent[0].iter_attachments())
    assert attachment.get_filename() == "shift.ics"
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.deliver_due()
    states = {m.id: m.status for m in db.session.scalars(select(OutboxMessage))}
    assert states[ok.id] == "sent" and states[bad.id] == "failed"
    assert states[later.id] == "queued" and states[no_address.id] == "stored"


def test_demo_load_fills_an_empty_database_once(runner, app):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "admin@demo.example" in result.output
    roles = db.session.scalars(select(User.role).order_by(User.role)).all()
    assert roles == ["admin", "coordinator", "viewer"]
    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 3


def test_a_service_told_who_acted_records_that_staff_member(app, org, make_user):
    """Outside a request (the CLI, a job) the actor comes from the service's
    ``by=``, not from a logged-in user."""
    admin = make_user(role="admin", name="管理员")
    update_organisation(org, by=admin, name_en="Renamed")
    db.session.commit()
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "organisation.update")
    )
    assert (event.actor_id, event.actor_label) == (admin.id, admin.email)
    assert event.after == {"name_en": "Renamed"}
