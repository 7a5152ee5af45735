"""The mail connection: implicit TLS on 465 (QQ, 163, Aliyun) or STARTTLS on 587."""

import smtplib
import ssl

import pytest

from volunteer_hub.config import environment_overrides
from volunteer_hub.extensions import db
from volunteer_hub.outbox import services as outbox


class Recorder:
    """Stands in for smtplib.SMTP and SMTP_SSL; remembers how it was used."""

    calls: list = []

    def __init__(self, kind):
        self.kind = kind

    def __call__(self, host, port, timeout=None, context=None):
        self.calls.append(("open", self.kind, host, port, context))
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        self.calls.append(("starttls", context))

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, message):
        self.calls.append(("send", message["To"]))

    def close(self):
        pass


@pytest.fixture
def fake_smtp(monkeypatch):
    Recorder.calls = []
    monkeypatch.setattr(smtplib, "SMTP", Recorder("plain"))
    monkeypatch.setattr(smtplib, "SMTP_SSL", Recorder("ssl"))
    return Recorder.calls


def _send_one(app, **settings):
    app.config.update(MAIL_SERVER="smtp.qq.com", MAIL_USERNAME="me@qq.com", **settings)
    app.config["MAIL_PASSWORD"] = "app-code"
    outbox.queue_message(to_address="v@example.org", subject="Hi", body="body")
    db.session.commit()
    return outbox.deliver_due()


def test_mail_use_ssl_opens_an_implicit_tls_connection_that_verifies(app, fake_smtp):
    assert _send_one(app, MAIL_PORT=465, MAIL_USE_SSL=True) == 1
    opened = fake_smtp[0]
    assert opened[:4] == ("open", "ssl", "smtp.qq.com", 465)
    context = opened[4]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert not any(call[0] == "starttls" for call in fake_smtp)
    assert ("login", "me@qq.com", "app-code") in fake_smtp
    assert ("send", "v@example.org") in fake_smtp


def test_starttls_is_kept_and_now_verifies_the_certificate(app, fake_smtp):
    assert _send_one(app, MAIL_PORT=587, MAIL_USE_TLS=True, MAIL_USE_SSL=False) == 1
    assert fake_smtp[0][:4] == ("open", "plain", "smtp.qq.com", 587)
    starttls = next(call for call in fake_smtp if call[0] == "starttls")
    assert starttls[1].verify_mode == ssl.CERT_REQUIRED


def test_mail_use_ssl_comes_from_the_environment():
    assert environment_overrides({"MAIL_USE_SSL": "true"})["MAIL_USE_SSL"] is True
