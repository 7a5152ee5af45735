"""Behind a reverse proxy: TRUSTED_PROXIES decides whose X-Forwarded-* to believe;
links that leave the site never follow the request's Host header."""

import re

import pytest
from flask import current_app
from sqlalchemy import select

from tests.test_setup import SETUP
from volunteer_hub import trust_proxies
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.auth import setup_code
from volunteer_hub.extensions import db


def lookups_from(client, forwarded_for: str, times: int) -> list[int]:
    return [
        client.post(
            "/receipts/lookup",
            data={"contact": "13800000000", "code": "ABCD-EFGH-JKMN"},
            headers={"X-Forwarded-For": forwarded_for},
        ).status_code
        for _ in range(times)
    ]


@pytest.mark.ratelimit
@pytest.mark.parametrize("proxies, separate", [(1, True), (0, False)])
def test_forwarded_for_separates_rate_limit_buckets_only_behind_trusted_proxy(
    app, client, org, proxies, separate
):
    app.config["TRUSTED_PROXIES"] = proxies
    trust_proxies(app)
    first = lookups_from(client, "203.0.113.1", 6)
    assert first[:5] == [200] * 5 and first[5] == 429
    second = lookups_from(client, "203.0.113.2", 1)
    assert second == ([200] if separate else [429])


def _setup_with_code():
    """Set-up data with a valid set-up code: a forwarded request always needs one."""
    with current_app.test_request_context():
        return {**SETUP, "setup_code": setup_code.new_code()}


def test_audit_log_records_the_forwarded_client_when_trusted(app, client):
    app.config["TRUSTED_PROXIES"] = 1
    trust_proxies(app)
    client.post(
        "/setup",
        data=_setup_with_code(),
        headers={"X-Forwarded-For": "198.51.100.7"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    addresses = set(db.session.scalars(select(AuditEvent.ip_address)))
    assert addresses == {"198.51.100.7"}


def test_forwarded_headers_are_ignored_without_trusted_proxies(client):
    client.post(
        "/setup",
        data=_setup_with_code(),
        headers={"X-Forwarded-For": "198.51.100.7"},
        environ_base={"REMOTE_ADDR": "10.1.2.3"},
    )
    assert set(db.session.scalars(select(AuditEvent.ip_address))) == {"10.1.2.3"}


def test_resent_personal_link_uses_the_recorded_address_not_host(
    client, org, make_volunteer
):
    org.public_url = "https://volunteers.example.org"
    make_volunteer(email="wang@example.org", phone="13800138000")
    client.post(
        "/signup/link",
        data={"phone": "13800138000"},
        headers={"Host": "evil.example"},
    )
    from volunteer_hub.outbox.models import OutboxMessage

    messages = db.session.scalars(select(OutboxMessage))
    bodies = " ".join(f"{m.body} {m.private_body}" for m in messages)
    assert "https://volunteers.example.org/v/" in bodies, bodies
    assert "evil.example" not in bodies


def test_receipt_qr_payload_ignores_a_foreign_host(app, receipt_org, make_donor_intake):
    from volunteer_hub.receipts import services

    receipt_org.public_url = "https://volunteers.example.org"
    intake = make_donor_intake()
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        receipt = services.issue_intake_receipt(intake)
    assert "https://volunteers.example.org/receipts/verify/" in receipt.snapshot_json
    assert "evil.example" not in receipt.snapshot_json


def test_without_any_public_address_links_never_use_host(app, org):
    from volunteer_hub.urls import external_url

    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert external_url("volunteers.signup") == "http://localhost/signup"


def test_setup_prefills_the_address_and_warns_about_a_private_one(client):
    page = client.get("/setup?lang=en", base_url="http://192.168.1.20:5000").get_data(
        as_text=True
    )
    assert re.search(r'value="http://192.168.1.20:5000"', page)
    assert "only works on this computer or its local network" in page
    public = client.get("/setup?lang=en", base_url="https://vh.example.org")
    assert "only works on this computer" not in public.get_data(as_text=True)


def test_admin_changes_the_public_address(admin_client, org):
    data = {f: getattr(org, f) for f in ("name_zh", "default_locale", "currency")}
    data.update(country="CN", timezone="Asia/Shanghai", jurisdiction="cn")
    data["public_url"] = "https://new.example.org/"
    admin_client.post("/organisation/", data=data)
    db.session.refresh(org)
    assert org.public_url == "https://new.example.org"


def test_links_are_built_outside_a_request_too(app, org):
    """A job or a signal receiver builds links with no request (no SERVER_NAME)."""
    from volunteer_hub.urls import external_url

    org.public_url = "https://volunteers.example.org"
    db.session.commit()
    link = external_url("receipts_public.verify", code="ABC")
    assert link == "https://volunteers.example.org/receipts/verify/ABC"
