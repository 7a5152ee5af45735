"""Logging in and setting up: per-account backoff, sessions, the set-up code."""

import logging
import re
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import TEST_PASSWORD
from tests.test_setup import SETUP
from volunteer_hub import clock, throttle
from volunteer_hub.extensions import db
from volunteer_hub.organisation.models import Organisation

WRONG = "wrong-password!"


def log_in(client, email, password, **extra):
    return client.post(
        "/login?lang=en", data={"email": email, "password": password, **extra}
    )


def fail_until_blocked(app, email):
    """Post wrong passwords from fresh clients (other addresses, other workers)
    until the account backs off; returns how many were needed."""
    for attempt in range(1, 20):
        page = log_in(app.test_client(), email, WRONG).get_data(as_text=True)
        if "Too many wrong attempts" in page:
            return attempt
    raise AssertionError("no backoff after 20 failures")


def test_account_backs_off_after_failures_even_with_the_right_password(
    app, org, make_user
):
    user = make_user()
    tries = fail_until_blocked(app, user.email)
    assert tries == throttle.FREE_FAILURES + 2
    refused = log_in(app.test_client(), user.email, TEST_PASSWORD)
    assert refused.status_code == 200  # not logged in: the password was not checked
    assert "Too many wrong attempts" in refused.get_data(as_text=True)


def test_backoff_looks_the_same_for_an_unknown_account(app, org, make_user):
    user = make_user()
    known = fail_until_blocked(app, user.email)
    unknown = fail_until_blocked(app, "nobody@example.org")
    assert known == unknown


def test_backoff_ends_and_success_resets_it(app, org, make_user, monkeypatch):
    user = make_user()
    fail_until_blocked(app, user.email)
    later = clock.now() + throttle.MAX_DELAY + timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert log_in(app.test_client(), user.email, TEST_PASSWORD).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(throttle.Throttle)) == 0


def test_backoff_never_exceeds_a_few_minutes():
    assert throttle.delay_after(throttle.FREE_FAILURES) == timedelta(0)
    assert throttle.delay_after(1000) == throttle.MAX_DELAY <= timedelta(minutes=5)


def test_remember_me_lasts_thirty_days(client, org, make_user):
    user = make_user()
    response = log_in(client, user.email, TEST_PASSWORD, remember="y")
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember")
    )
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    assert timedelta(days=29) < expires - clock.now() <= timedelta(days=30, hours=1)


def test_login_starts_a_fresh_session(client, org, make_user):
    user = make_user()
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        session["lang"] = "en"
    log_in(client, user.email, TEST_PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session and session["lang"] == "en"
        assert session["_user_id"] == user.get_id()


@pytest.mark.parametrize(
    "address,headers,listen",
    [
        ("203.0.113.9", {}, "127.0.0.1"),  # another machine
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, "127.0.0.1"),  # a proxy
        ("127.0.0.1", {}, "0.0.0.0"),  # listening on every address
        ("127.0.0.1", {}, None),  # unknown (gunicorn)
    ],
)
def test_setup_asks_for_the_code_unless_plainly_local(
    app, caplog, address, headers, listen
):
    app.config["LISTEN_HOST"] = listen
    client = app.test_client()
    sent = {"headers": headers, "environ_base": {"REMOTE_ADDR": address}}
    with caplog.at_level(logging.WARNING):
        page = client.get("/setup?lang=en", **sent).get_data(as_text=True)
    assert 'name="setup_code"' in page
    code = re.search(r"Set-up code for the first-run page: (\S+)", caplog.text)
    assert client.post("/setup", data=SETUP, **sent).status_code == 200
    wrong_code = {**SETUP, "setup_code": "AAAA-BBBB-CCCC"}
    wrong = client.post("/setup?lang=en", data=wrong_code, **sent)
    assert "This set-up code is not correct" in wrong.get_data(as_text=True)
    assert db.session.scalar(select(Organisation)) is None
    typed = code.group(1).lower()
    done = client.post("/setup", data={**SETUP, "setup_code": typed}, **sent)
    assert done.status_code == 302 and db.session.scalar(select(Organisation))
    assert not (Path(app.instance_path) / "setup_codes").exists()


def test_setup_from_the_server_itself_needs_no_code(app, client):
    page = client.get("/setup").get_data(as_text=True)
    assert 'name="setup_code"' not in page
    assert client.post("/setup", data=SETUP).status_code == 302
