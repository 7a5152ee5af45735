"""The volunteer's personal link pages and withdrawal (anonymisation)."""

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.volunteers.certificates.models import ServiceCertificate
from volunteer_hub.volunteers.hours.services import approved_hours
from volunteer_hub.volunteers.models import AvailabilityException, Volunteer
from volunteer_hub.volunteers.personal_link.services import rotate_link, send_link


@pytest.fixture
def linked(make_volunteer):
    """A volunteer and the secret of their personal link."""
    volunteer = make_volunteer(
        name="陈燚",
        email="chen@example.org",
        skills={"elder_care": "experienced"},
        slots={(5, "morning")},
    )
    secret = rotate_link(volunteer)
    db.session.commit()
    return volunteer, secret


def test_personal_page_in_both_languages(client, linked, make_service_record):
    volunteer, secret = linked
    make_service_record(volunteer, hours="2", description="养老院陪伴")
    zh = client.get(f"/v/{secret}?lang=zh").get_data(as_text=True)
    assert "陈燚" in zh and "养老院陪伴" in zh and "2.00" in zh
    assert 'id="assignments"' in zh
    en = client.get(f"/v/{secret}?lang=en").get_data(as_text=True)
    assert "My service" in en and "Saturday Morning" in en


@pytest.mark.parametrize(
    "secret", ["wrong", "x" * 43, "x" * 5000, "%3Cscript%3E", "' OR 1=1 --"]
)
def test_wrong_secrets_are_404(client, linked, secret):
    assert client.get(f"/v/{secret}").status_code == 404
    assert (
        client.post(
            f"/v/{secret}/availability", data={"slots": ["0-morning"]}
        ).status_code
        == 404
    )
    volunteer, _secret = linked
    assert db.session.get(Volunteer, volunteer.id).slot_pairs() == {(5, "morning")}


def test_volunteer_edits_availability(client, linked):
    volunteer, secret = linked
    response = client.post(
        f"/v/{secret}/availability", data={"slots": ["0-evening", "6-afternoon"]}
    )
    assert response.status_code == 302
    assert db.session.get(Volunteer, volunteer.id).slot_pairs() == {
        (0, "evening"),
        (6, "afternoon"),
    }
    event = db.session.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "volunteer.availability")
        .order_by(AuditEvent.id.desc())
    )
    assert event.actor_label == f"volunteer:{volunteer.id}"


def test_volunteer_edits_profile_and_hostile_input_changes_nothing(
    client, linked, specialties
):
    volunteer, secret = linked
    base = {
        "name": "陈燚",
        "phone": "+8613900000001",
        "district": "南山区",
        f"level_{specialties['elder_care'].id}": "certified",
        f"cert_name_{specialties['elder_care'].id}": "养老护理员证",
    }
    page = client.post(
        f"/v/{secret}/edit?lang=en", data={**base, "name": "<script>alert(1)</script>"}
    )
    assert "<script>alert(1)" not in page.get_data(as_text=True)
    assert db.session.get(Volunteer, volunteer.id).name == "陈燚"
    client.post(f"/v/{secret}/edit", data={**base, "name": "燚" * 100_000})
    assert db.session.get(Volunteer, volunteer.id).name == "陈燚"
    response = client.post(f"/v/{secret}/edit", data={**base, "district": "福田区"})
    assert response.status_code == 302
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.district == "福田区"
    assert volunteer.specialties[0].certificate_name == "养老护理员证"


def test_dated_exceptions(client, linked):
    volunteer, secret = linked
    day = clock.now().date() + timedelta(days=3)
    client.post(
        f"/v/{secret}/exceptions",
        data={"day": day.isoformat(), "part": "", "available": "no"},
    )
    exception = db.session.scalar(select(AvailabilityException))
    assert exception.day == day and exception.available is False
    past = {"day": "2020-01-01", "available": "no"}
    client.post(f"/v/{secret}/exceptions", data=past)
    assert db.session.query(AvailabilityException).count() == 1
    other_secret = rotate_link(db.session.get(Volunteer, volunteer.id))
    db.session.commit()
    assert (
        client.post(f"/v/{secret}/exceptions/{exception.id}/remove").status_code == 404
    )
    client.post(f"/v/{other_secret}/exceptions/{exception.id}/remove")
    assert db.session.query(AvailabilityException).count() == 0


def test_someone_elses_certificate_is_404(
    client, linked, make_volunteer, make_service_record
):
    volunteer, secret = linked
    other = make_volunteer()
    make_service_record(other, hours="1", served_on=date(2026, 1, 2))
    with client.application.test_request_context("/"):
        from volunteer_hub.volunteers.certificates.services import issue_certificate

        certificate = issue_certificate(other, date(2026, 1, 1), date(2026, 1, 31))
        db.session.commit()
    assert (
        client.get(f"/v/{secret}/certificates/{certificate.id}.pdf").status_code == 404
    )


def test_volunteer_downloads_a_certificate(client, linked, make_service_record):
    volunteer, secret = linked
    make_service_record(volunteer, hours="2", served_on=date(2026, 1, 2))
    response = client.post(
        f"/v/{secret}/certificate",
        data={"period_start": "2026-01-01", "period_end": "2026-12-31"},
    )
    certificate = db.session.scalar(select(ServiceCertificate))
    assert response.location.endswith(f"/certificates/{certificate.id}.pdf")
    assert client.get(response.location).data == certificate.pdf
    assert certificate.issued_label == f"volunteer:{volunteer.id}"


def test_withdrawal_anonymises_and_keeps_hours(client, linked, make_service_record):
    volunteer, secret = linked
    make_service_record(volunteer, hours="5")
    with client.application.test_request_context("/"):
        send_link(volunteer, secret)
    db.session.commit()
    page = client.post(f"/v/{secret}/withdraw", data={"reason": ""})
    assert db.session.get(Volunteer, volunteer.id).status == "active"  # not confirmed
    page = client.post(
        f"/v/{secret}/withdraw", data={"confirm": "y", "reason": "搬走了"}
    )
    assert page.status_code == 200
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.status == "withdrawn"
    assert (volunteer.name, volunteer.phone, volunteer.email, volunteer.notes) == (
        "",
        None,
        None,
        "",
    )
    assert volunteer.specialties == [] and volunteer.slots == []
    assert volunteer.link_secret_hash is None
    assert approved_hours(volunteer.id) == 5
    assert approved_hours() == 5
    assert client.get(f"/v/{secret}").status_code == 404
    for message in db.session.scalars(select(OutboxMessage)):
        assert "陈燚" not in message.body and message.to_address is None
    dumped = repr([(e.before, e.after) for e in db.session.scalars(select(AuditEvent))])
    assert "陈燚" not in dumped and "chen@example.org" not in dumped


def test_staff_withdraws_on_request(coordinator_client, make_volunteer, specialties):
    volunteer = make_volunteer(name="刘备")
    coordinator_client.post(f"/volunteers/{volunteer.id}/withdraw", data={"reason": ""})
    assert db.session.get(Volunteer, volunteer.id).status == "active"
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/withdraw", data={"reason": "电话要求删除"}
    )
    assert db.session.get(Volunteer, volunteer.id).status == "withdrawn"
    page = coordinator_client.get(f"/volunteers/{volunteer.id}?lang=en").get_data(
        as_text=True
    )
    assert f"Withdrawn volunteer #{volunteer.id}" in page and "刘备" not in page
    listing = coordinator_client.get("/volunteers/").get_data(as_text=True)
    assert f'/volunteers/{volunteer.id}"' not in listing
    # The phone number is free again.
    assert (
        db.session.scalar(select(Volunteer).where(Volunteer.phone.is_not(None))) is None
    )


def test_withdrawal_signal_reaches_listeners(linked):
    from volunteer_hub.volunteers.lifecycle.services import withdraw_volunteer
    from volunteer_hub.volunteers.signals import volunteer_withdrawn

    volunteer, _secret = linked
    seen = []

    def listener(sender):
        seen.append(sender.id)

    volunteer_withdrawn.connect(listener)
    try:
        withdraw_volunteer(volunteer)
    finally:
        volunteer_withdrawn.disconnect(listener)
    assert seen == [volunteer.id]


def test_other_features_add_panels_to_the_personal_page(app, client, linked):
    from jinja2 import ChoiceLoader, DictLoader

    from volunteer_hub import panels

    volunteer, secret = linked
    app.jinja_env.loader = ChoiceLoader(
        [
            DictLoader(
                {
                    "test/_shifts.html": "<p id=shifts>{{ panel.n }} shifts for "
                    "{{ volunteer.name }}</p>"
                }
            ),
            app.jinja_env.loader,
        ]
    )
    panels.register(
        app,
        "volunteers.personal",
        "test/_shifts.html",
        lambda volunteer, secret: {"n": 2},
    )
    page = client.get(f"/v/{secret}").get_data(as_text=True)
    assert "<p id=shifts>2 shifts for 陈燚</p>" in page


def test_nul_characters_never_reach_the_database(
    client, admin_client, linked, specialties
):
    """PostgreSQL refuses NUL in text; every path answers cleanly instead."""
    volunteer, secret = linked
    assert admin_client.get("/volunteers/?q=a%00b&district=%00").status_code == 200
    assert client.get("/certificates/verify/ab%00cd").status_code == 404
    response = client.post(
        f"/v/{secret}/edit",
        data={"name": "陈燚", "phone": "+8613900000001", "district": "南\x00山"},
    )
    assert response.status_code == 200
    assert db.session.get(Volunteer, volunteer.id).district != "南\x00山"
    text = "姓名,手机,社区\n钱八,13800000012,南\x00山\n"
    page = admin_client.post(
        "/volunteers/import",
        data={"file": (io.BytesIO(text.encode()), "r.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "field-error" not in page and "<td" in page  # a rejected row, no 500
