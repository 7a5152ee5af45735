"""A volunteer's staff page: details, approval, core flag, status, edits, links."""

import pytest
from sqlalchemy import select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.models import CoreFlagChange, Volunteer


def test_detail_shows_everything_and_viewer_sees_masked_id(client_as, make_volunteer):
    from volunteer_hub.volunteers.profile.services import update_profile

    volunteer = make_volunteer(
        name="赵六",
        skills={"medical": "certified"},
        slots={(2, "evening")},
        notes="会开车",
    )
    update_profile(volunteer, id_number="11010519491231002X")
    db.session.commit()
    coordinator = client_as("coordinator")
    page = coordinator.get(f"/volunteers/{volunteer.id}?lang=en").get_data(as_text=True)
    for text in (
        "赵六",
        "Medical and nursing",
        "Certified",
        "Wednesday Evening",
        "会开车",
        "11010519491231002X",
        "Certificate not verified yet",
    ):
        assert text in page
    viewer_page = (
        client_as("viewer").get(f"/volunteers/{volunteer.id}").get_data(as_text=True)
    )
    assert "110***********002X" in viewer_page
    assert "11010519491231002X" not in viewer_page


def test_someone_elses_id_is_a_plain_404(coordinator_client, make_volunteer):
    make_volunteer()
    assert coordinator_client.get("/volunteers/999").status_code == 404
    assert (
        coordinator_client.post(
            "/volunteers/999/core", data={"core-reason": "x"}
        ).status_code
        == 404
    )
    assert coordinator_client.get("/volunteers/hours/999/correct").status_code == 404
    assert db.session.scalars(select(CoreFlagChange)).all() == []


def test_approve_mark_core_with_reason_and_unmark(coordinator_client, make_volunteer):
    volunteer = make_volunteer(status="pending")
    coordinator_client.post(f"/volunteers/{volunteer.id}/approve")
    assert db.session.get(Volunteer, volunteer.id).status == "active"
    response = coordinator_client.post(
        f"/volunteers/{volunteer.id}/core", data={"core-reason": ""}
    )
    assert db.session.get(Volunteer, volunteer.id).is_core is False
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/core", data={"core-reason": "连续三年参加助老服务"}
    )
    assert db.session.get(Volunteer, volunteer.id).is_core is True
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/core", data={"core-reason": "搬家了"}
    )
    assert db.session.get(Volunteer, volunteer.id).is_core is False
    history = db.session.scalars(
        select(CoreFlagChange).order_by(CoreFlagChange.id)
    ).all()
    assert [(c.is_core, c.reason) for c in history] == [
        (True, "连续三年参加助老服务"),
        (False, "搬家了"),
    ]
    page = coordinator_client.get(f"/volunteers/{volunteer.id}").get_data(as_text=True)
    assert "连续三年参加助老服务" in page and response.status_code == 302


def test_deactivate_and_reactivate(coordinator_client, make_volunteer):
    volunteer = make_volunteer()
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/status", data={"status-status": "inactive"}
    )
    assert db.session.get(Volunteer, volunteer.id).status == "inactive"
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/status", data={"status-status": "withdrawn"}
    )
    assert db.session.get(Volunteer, volunteer.id).status == "inactive"
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/status", data={"status-status": "active"}
    )
    assert db.session.get(Volunteer, volunteer.id).status == "active"


def test_staff_edit_keeps_audit_free_of_personal_data(
    coordinator_client, make_volunteer, specialties
):
    volunteer = make_volunteer(name="原名")
    data = {
        "name": "新名字",
        "phone": "13700137000",
        "district": "宝安区",
        "preferred_locale": "zh_Hans",
        "notes": "私密备注",
        f"level_{specialties['legal'].id}": "experienced",
        "slots": ["0-morning"],
    }
    response = coordinator_client.post(f"/volunteers/{volunteer.id}/edit", data=data)
    assert response.status_code == 302
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert (volunteer.name, volunteer.phone, volunteer.district) == (
        "新名字",
        "+8613700137000",
        "宝安区",
    )
    assert [s.specialty.code for s in volunteer.specialties] == ["legal"]
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == "volunteers")
    ).all()
    dumped = repr([(e.before, e.after, e.note) for e in events])
    for secret in ("新名字", "原名", "13700137000", "私密备注"):
        assert secret not in dumped
    assert any(
        e.action == "volunteer.update" and e.after.get("district") == "宝安区"
        for e in events
    )


def test_edit_to_a_phone_of_another_volunteer_is_refused(
    coordinator_client, make_volunteer
):
    make_volunteer(phone="+8613600136000")
    other = make_volunteer()
    page = coordinator_client.post(
        f"/volunteers/{other.id}/edit?lang=en",
        data={"name": "x", "phone": "13600136000", "preferred_locale": "en"},
    ).get_data(as_text=True)
    assert "already registered" in page
    assert db.session.get(Volunteer, other.id).phone != "+8613600136000"


def test_new_link_is_shown_once_and_old_one_stops(coordinator_client, make_volunteer):
    volunteer = make_volunteer()
    from volunteer_hub.volunteers.personal_link.services import rotate_link

    old = rotate_link(volunteer)
    db.session.commit()
    assert coordinator_client.get(f"/v/{old}").status_code == 200
    page = coordinator_client.post(f"/volunteers/{volunteer.id}/link").get_data(
        as_text=True
    )
    assert "/v/" in page and "<svg" in page
    assert coordinator_client.get(f"/v/{old}").status_code == 404


def test_verify_certificate_records_who_and_when(coordinator_client, make_volunteer):
    volunteer = make_volunteer(skills={"medical": "certified"})
    link = volunteer.specialties[0]
    coordinator_client.post(f"/volunteers/{volunteer.id}/specialties/{link.id}/verify")
    db.session.refresh(link)
    assert link.verified_by_id == coordinator_client.user.id
    assert link.verified_at is not None
    page = coordinator_client.get(f"/volunteers/{volunteer.id}?lang=en").get_data(
        as_text=True
    )
    assert f"Verified by {coordinator_client.user.name}" in page


def test_staff_adds_a_volunteer_with_recorded_consent(coordinator_client, specialties):
    data = {
        "name": "周老伯",
        "phone": "13512345678",
        "preferred_locale": "zh_Hans",
        f"level_{specialties['elder_care'].id}": "interested",
        "slots": ["1-morning"],
        "consent": "y",
    }
    response = coordinator_client.post("/volunteers/new", data=data)
    volunteer = db.session.scalar(select(Volunteer))
    assert response.location.endswith(f"/volunteers/{volunteer.id}")
    assert (volunteer.source, volunteer.status, volunteer.consent_version) == (
        "staff",
        "active",
        "1",
    )
    assert volunteer.slot_pairs() == {(1, "morning")}
    page = coordinator_client.post(
        "/volunteers/new?lang=en", data={**data, "phone": "13512345678"}
    )
    assert "already registered" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("locale", "subject"),
    [("zh_Hans", "您的志愿者登记已通过审核"), ("en", "registration has been approved")],
)
def test_approval_tells_the_volunteer_in_their_language(
    coordinator_client, make_volunteer, locale, subject
):
    from volunteer_hub.outbox.models import OutboxMessage

    volunteer = make_volunteer(
        status="pending", email="wang@example.org", preferred_locale=locale
    )
    coordinator_client.post(f"/volunteers/{volunteer.id}/approve")
    [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.to_address == "wang@example.org"
    assert subject in message.subject
    assert volunteer.name in message.body
