"""Messages with personal links: who may read them, and how long the link lives."""

import re

import pytest
from sqlalchemy import select

from tests.fixtures.projects import invite_via_page
from tests.test_audit_outbox import FakeSMTP
from volunteer_hub.extensions import db
from volunteer_hub.outbox import services as outbox
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.volunteers import services_lifecycle as lifecycle

LINK = re.compile(r"https?://\S+/[A-Za-z0-9_-]{43}")


@pytest.fixture
def admin_invitation(app, org, monkeypatch):
    """An invitation for a new admin, waiting to be e-mailed."""
    app.config["MAIL_SERVER"] = "smtp.example.org"
    monkeypatch.setattr(outbox.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent = []

    def invite(admin_client):
        admin_client.post(
            "/staff/new",
            data={
                "name": "新管理员",
                "email": "new-admin@example.org",
                "role": "admin",
            },
        )
        return db.session.scalar(select(OutboxMessage))

    return invite


def test_coordinator_cannot_see_an_admin_invitation_anywhere(
    admin_client, coordinator_client, admin_invitation
):
    message = admin_invitation(admin_client)
    secret_link = LINK.search(message.private_body).group(0)
    assert message.audience == "admin" and secret_link not in message.body
    listing = coordinator_client.get("/messages/").get_data(as_text=True)
    assert f"/messages/{message.id}" not in listing and "新管理员" not in listing
    assert coordinator_client.get(f"/messages/{message.id}").status_code == 404
    reveal = coordinator_client.post(f"/messages/{message.id}/reveal")
    assert reveal.status_code == 404
    for page in ("/", "/messages/?status=queued", "/audit/", "/staff"):
        assert secret_link not in coordinator_client.get(page).get_data(as_text=True)
    db.session.refresh(message)
    assert message.private_body is not None  # still there for the mail
    # The admin does see it in the list.
    assert f"/messages/{message.id}" in admin_client.get("/messages/").get_data(
        as_text=True
    )


def test_the_link_is_gone_from_the_database_once_sent(admin_client, admin_invitation):
    message = admin_invitation(admin_client)
    secret_link = LINK.search(message.private_body).group(0)
    assert outbox.deliver_due() == 1
    assert secret_link in FakeSMTP.sent[0].get_content()
    db.session.refresh(message)
    assert message.status == "sent" and message.private_body is None
    assert secret_link not in message.body


def test_a_stored_link_is_shown_once_then_forgotten(
    app, coordinator_client, make_volunteer
):
    volunteer = make_volunteer(email=None)
    with app.test_request_context():
        secret = lifecycle.rotate_link(volunteer)
        message = lifecycle.send_link(volunteer, secret)
        db.session.commit()
    assert message.status == "stored" and secret not in message.body
    page = coordinator_client.get(f"/messages/{message.id}").get_data(as_text=True)
    assert secret not in page and f"/messages/{message.id}/reveal" in page
    shown = coordinator_client.post(f"/messages/{message.id}/reveal")
    assert secret in shown.get_data(as_text=True)
    db.session.refresh(message)
    assert message.private_body is None and secret not in message.body
    again = coordinator_client.post(f"/messages/{message.id}/reveal")
    assert again.status_code == 302
    assert secret not in coordinator_client.get(again.location).get_data(as_text=True)


def test_staff_made_volunteer_link_is_not_kept_when_not_mailed(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer(email=None)
    page = coordinator_client.post(f"/volunteers/{volunteer.id}/link")
    secret = LINK.search(page.get_data(as_text=True)).group(0).rsplit("/", 1)[1]
    message = db.session.scalar(select(OutboxMessage))
    assert message.private_body is None and secret not in message.body


def test_withdrawal_blanks_shift_invitations_too(coordinator_client, proposed):  # noqa: F811
    message = invite_via_page(coordinator_client, proposed)
    volunteer = proposed.volunteer
    name = volunteer.name
    assert name in message.body and message.private_body
    lifecycle.withdraw_volunteer(volunteer, reason="搬走了")
    db.session.commit()
    db.session.refresh(message)
    assert name not in message.body and message.to_address is None
    assert message.private_body is None and message.attachment is None
