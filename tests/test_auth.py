"""Logging in and out, passwords, invitations, and the command line."""

import pytest
from sqlalchemy import select

from tests.conftest import TEST_PASSWORD, login
from volunteer_hub.auth.models import Invitation, User
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OutboxMessage


def test_login_with_right_password(client, org, make_user):
    user = make_user(email="li@example.org")
    response = client.post(
        "/login", data={"email": " LI@example.org ", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert "li" in client.get("/").get_data(as_text=True).lower()
    assert db.session.get(User, user.id).last_login_at is not None


@pytest.mark.parametrize(
    "email,password",
    [("li@example.org", "wrong password"), ("nobody@example.org", TEST_PASSWORD)],
)
def test_login_refusals_say_the_same_thing(client, org, make_user, email, password):
    make_user(email="li@example.org")
    page = client.post(
        "/login?lang=en", data={"email": email, "password": password}
    ).get_data(as_text=True)
    assert "The e-mail or password is not correct." in page


def test_deactivated_staff_cannot_log_in_and_lose_their_session(client, org, make_user):
    user = make_user(email="gone@example.org")
    login(client, user)
    assert client.get("/staff").status_code == 403  # logged in as coordinator
    user.active = False
    user.session_version += 1
    db.session.commit()
    assert client.get("/staff").status_code == 302  # session no longer valid
    page = client.post(
        "/login?lang=en", data={"email": "gone@example.org", "password": TEST_PASSWORD}
    ).get_data(as_text=True)
    assert "not correct" in page


def test_open_redirects_are_ignored(client, org, make_user):
    make_user(email="li@example.org")
    response = client.post(
        "/login?next=https://evil.example/x",
        data={"email": "li@example.org", "password": TEST_PASSWORD},
    )
    assert response.location == "/"


def test_logout_requires_post_and_ends_the_session(coordinator_client):
    assert coordinator_client.get("/logout").status_code == 405
    coordinator_client.post("/logout")
    assert coordinator_client.get("/").status_code == 200
    assert "/login" in coordinator_client.get("/staff").location


def test_change_password(coordinator_client):
    data = {
        "current": TEST_PASSWORD,
        "password": "new-password-123",
        "confirm": "new-password-123",
    }
    assert coordinator_client.post("/account/password", data=data).status_code == 302
    user = db.session.get(User, coordinator_client.user.id)
    from volunteer_hub.auth.passwords import verify_password

    assert verify_password(user.password_hash, "new-password-123")
    wrong = {**data, "current": "not-it"}
    page = coordinator_client.post("/account/password?lang=en", data=wrong)
    assert "The current password is not correct." in page.get_data(as_text=True)


def test_invitation_flow(admin_client, client):
    page = admin_client.post(
        "/staff/new",
        data={"name": "王芳", "email": "wang@example.org", "role": "viewer"},
    ).get_data(as_text=True)
    link = page.split('id="invite-link" type="text" readonly value="')[1].split('"')[0]
    secret = link.rsplit("/", 1)[1]
    assert len(secret) >= 43
    user = db.session.scalar(select(User).where(User.email == "wang@example.org"))
    assert user.password_hash is None and not user.is_active
    invitation = db.session.scalar(select(Invitation))
    assert secret not in invitation.token_hash  # only the hash is stored
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.to_address == "wang@example.org" and mail.audience == "admin"
    # Shown to the admin on screen and not e-mailed: the outbox keeps no copy.
    assert link not in mail.body and mail.private_body is None

    assert client.get("/invitation/" + secret[:-1] + "x").status_code == 404
    response = client.post(
        "/invitation/" + secret,
        data={"password": "viewer-password-1", "confirm": "viewer-password-1"},
    )
    assert response.status_code == 302
    assert client.get("/invitation/" + secret).status_code == 404  # used once
    assert "王芳" in client.get("/").get_data(as_text=True)


def test_cli_creates_users(runner, app):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Cli@Example.org",
            "--role",
            "admin",
            "--password",
            "cli-password-1",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "cli@example.org"))
    assert user.role == "admin" and user.is_active
    again = runner.invoke(
        args=["users", "create", "--email", "cli@example.org", "--password", "x" * 12]
    )
    assert again.exit_code != 0 and "此邮箱已有账户" in again.output
    short = runner.invoke(
        args=["users", "create", "--email", "b@e.org", "--password", "short"]
    )
    assert short.exit_code != 0


@pytest.mark.ratelimit
def test_login_is_rate_limited(client, org, make_user):
    make_user(email="li@example.org")
    codes = [
        client.post(
            "/login", data={"email": "li@example.org", "password": "guess"}
        ).status_code
        for _ in range(12)
    ]
    assert codes[:10] == [200] * 10
    assert codes[-1] == 429
    page = client.post(
        "/login?lang=en", data={"email": "li@example.org", "password": TEST_PASSWORD}
    )
    assert page.status_code == 429
    assert "Too many attempts" in page.get_data(as_text=True)
