"""First run: the set-up page creates the organisation and the first admin."""

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token_from
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.auth.models import User
from volunteer_hub.extensions import db
from volunteer_hub.organisation.models import Organisation

SETUP = {
    "name_zh": "阳光社区志愿者协会",
    "name_en": "Sunshine Volunteers",
    "registration_code": "51440300MJL000000X",
    "address": "深圳市南山区",
    "contact_name": "周敏",
    "contact_phone": "0755-26000000",
    "contact_email": "office@example.org",
    "default_locale": "zh_Hans",
    "currency": "CNY",
    "country": "CN",
    "timezone": "Asia/Shanghai",
    "public_url": "https://volunteers.example.org",
    "admin_name": "周敏",
    "admin_email": "Admin@Example.org",
    "password": "a-long-password",
    "confirm": "a-long-password",
}


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("path", ["/", "/login", "/staff", "/organisation/", "/audit/"])
def test_every_page_leads_to_setup_while_there_is_no_organisation(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.endswith("/setup")


def test_health_check_answers_before_setup(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "db": "ok"}


def test_setup_creates_organisation_admin_and_audit_events(client):
    response = client.post("/setup", data=SETUP)
    assert response.status_code == 302
    org = db.session.scalar(select(Organisation))
    assert (org.name_zh, org.registration_code) == (
        "阳光社区志愿者协会",
        SETUP["registration_code"],
    )
    admin = db.session.scalar(select(User))
    assert admin.email == "admin@example.org" and admin.role == "admin"
    assert admin.password_hash.startswith("$argon2id$")
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert {"organisation.create", "user.create"} <= set(actions)
    # The new admin is logged in and the set-up page is gone for good.
    assert "周敏" in client.get("/").get_data(as_text=True)
    assert client.get("/setup").status_code == 302


@pytest.mark.parametrize(("lang", "title"), [("zh", "接下来"), ("en", "Next steps")])
def test_setup_asks_for_receipt_rules_and_ends_on_next_steps(client, lang, title):
    form = client.get(f"/setup?lang={lang}").get_data(as_text=True)
    assert 'name="jurisdiction"' in form and 'name="public_url"' in form
    response = client.post(
        f"/setup?lang={lang}", data={**SETUP, "jurisdiction": "generic"}
    )
    assert response.location.endswith("/setup/next")
    org = db.session.scalar(select(Organisation))
    assert (org.jurisdiction, org.public_url) == ("generic", SETUP["public_url"])
    page = client.get(response.location).get_data(as_text=True)
    assert title in page
    links = ["/volunteers/specialties", "/drives/new", "/volunteers/poster"]
    for link in links:
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200


def test_next_steps_are_for_admins(viewer_client):
    assert viewer_client.get("/setup/next").status_code in (302, 403)


def test_setup_errors_keep_what_was_typed_and_change_nothing(client):
    data = {**SETUP, "confirm": "something-else", "admin_email": "not-an-email"}
    page = client.post("/setup?lang=en", data=data).get_data(as_text=True)
    assert "The two passwords are not the same." in page
    assert "Invalid email address." in page or "email" in page.lower()
    assert 'value="阳光社区志愿者协会"' in page
    assert count(Organisation) == 0 and count(User) == 0


def test_a_second_setup_cannot_replace_the_organisation(client, org):
    response = client.post("/setup", data={**SETUP, "name_zh": "冒充者"})
    assert response.status_code == 302
    assert count(Organisation) == 1
    assert db.session.scalar(select(Organisation.name_zh)) == org.name_zh


@pytest.mark.csrf
def test_setup_without_csrf_token_is_refused(client):
    response = client.post("/setup?lang=en", data=SETUP)
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert count(Organisation) == 0


@pytest.mark.csrf
def test_setup_with_csrf_token_works(client):
    token = csrf_token_from(client.get("/setup").get_data(as_text=True))
    assert client.post("/setup", data={**SETUP, "csrf_token": token}).status_code == 302
    assert count(Organisation) == 1
