"""Public sign-up: the lost-link page, the mailed link and what pages promise."""

import re

import pytest
from sqlalchemy import func, select

from tests.fixtures.volunteers import add_email, signup_data
from volunteer_hub.extensions import db
from volunteer_hub.links import hash_secret
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.volunteers.models import Volunteer


def test_an_email_on_file_gets_the_lost_link(client, org, specialties):
    client.post("/signup", data=signup_data(specialties))
    add_email()
    client.post("/signup/link", data={"phone": "13800138000"})
    message = db.session.scalar(select(OutboxMessage))
    assert message.to_address == "wang@example.org"
    assert message.status == "stored"  # no SMTP configured in tests
    assert "王燚" in message.body and "/v/" not in message.body  # staff see no link
    assert "/v/" in message.private_body  # kept until sent or shown once


def test_lost_link_mails_a_new_link_that_replaces_the_old_one_when_used(
    client, org, specialties
):
    client.post("/signup", data=signup_data(specialties))
    add_email("w@example.org")
    done = client.get("/signup/done").get_data(as_text=True)
    old_secret = re.search(r'value="http[^"]+/v/([^"]+)"', done).group(1)
    response = client.post("/signup/link", data={"phone": "13800138000"})
    assert response.status_code == 200
    message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    new_secret = _link_in(message.all()[-1])
    # Whoever typed the phone number took nothing away: the old link still works.
    assert client.get(f"/v/{old_secret}").status_code == 200
    assert client.get(f"/v/{new_secret}").status_code == 200
    # Opening the new link made it the only one.
    assert client.get(f"/v/{old_secret}").status_code == 404
    assert client.get(f"/v/{new_secret}").status_code == 200
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.link_secret_hash == hash_secret(new_secret)
    assert volunteer.pending_link_hash is None


def test_lost_link_asked_for_twice_keeps_the_old_link_and_only_the_last_new_one(
    client, org, specialties
):
    client.post("/signup", data=signup_data(specialties))
    add_email("w@example.org")
    old_hash = db.session.scalar(select(Volunteer.link_secret_hash))
    client.post("/signup/link", data={"phone": "13800138000"})
    client.post("/signup/link", data={"phone": "13800138000"})
    first, second = db.session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id)
    ).all()[-2:]
    assert db.session.scalar(select(Volunteer.link_secret_hash)) == old_hash
    assert client.get(f"/v/{_link_in(first)}").status_code == 404
    assert client.get(f"/v/{_link_in(second)}").status_code == 200


def test_lost_link_answers_the_same_for_an_unknown_number(client, org, specialties):
    client.post("/signup", data=signup_data(specialties))
    add_email("w@example.org")
    response = client.post("/signup/link", data={"phone": "13800138000"})
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
    same = client.post("/signup/link", data={"phone": "13900139000"})
    assert same.get_data() == response.get_data()
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1


@pytest.mark.parametrize("mail_server", [None, "smtp.example.org"])
def test_pages_say_sent_only_when_mail_is_sent(
    app, client, org, specialties, mail_server
):
    """Without a mail server the link waits in the outbox: no page says "sent"."""
    app.config["MAIL_SERVER"] = mail_server
    client.post("/signup", data=signup_data(specialties))
    add_email("w@example.org")
    done = client.get("/signup/done?lang=zh").get_data(as_text=True)
    asked = client.get("/signup/link?lang=zh").get_data(as_text=True)
    answer = client.post("/signup/link?lang=zh", data={"phone": "13800138000"})
    answer = answer.get_data(as_text=True)
    sent = [
        "我们也已把链接发送到 w@example.org",
        "我们已把新链接发到",
        "会把新链接发到邮箱",
    ]
    pages = (done, answer, asked)
    if mail_server:
        assert [claim in page for claim, page in zip(sent, pages, strict=True)] == [
            True
        ] * 3
    else:
        assert not any(claim in page for claim in sent for page in pages)
        assert "这个链接只在这里显示" in done
        assert "协调员会尽快通过电话或消息把新链接转交给您" in answer
        assert "协调员会通过电话或消息把新链接转交给您" in asked


def _link_in(message) -> str:
    return re.search(r"/v/([A-Za-z0-9_-]{43})", message.private_body).group(1)


@pytest.mark.parametrize(
    ("mail_server", "button", "promise"),
    [
        (None, "请协调员把链接转给我", "协调员会通过电话或消息把新链接转交给您"),
        ("smtp.example.org", "把链接发给我", "打开新链接后，旧链接随即失效"),
    ],
)
def test_the_lost_link_page_promises_only_what_happens(
    app, client, org, mail_server, button, promise
):
    app.config["MAIL_SERVER"] = mail_server
    page = client.get("/signup/link", headers={"Accept-Language": "zh-CN"})
    text = page.get_data(as_text=True)
    assert f'value="{button}"' in text
    assert promise in text
