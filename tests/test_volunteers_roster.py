"""The coordinators' roster: filters, masking, the volunteer's page and actions."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.models import CoreFlagChange, Volunteer

ROUTES = [
    ("GET", "/volunteers/", "viewer"),
    ("GET", "/volunteers/1", "viewer"),
    ("GET", "/volunteers/poster", "viewer"),
    ("GET", "/volunteers/new", "coordinator"),
    ("GET", "/volunteers/1/edit", "coordinator"),
    ("POST", "/volunteers/1/core", "coordinator"),
    ("POST", "/volunteers/1/approve", "coordinator"),
    ("POST", "/volunteers/1/link", "coordinator"),
    ("POST", "/volunteers/1/hours", "coordinator"),
    ("GET", "/volunteers/hours/waiting", "coordinator"),
    ("GET", "/volunteers/export.csv", "coordinator"),
    ("GET", "/volunteers/import", "admin"),
    ("GET", "/volunteers/specialties", "admin"),
    ("GET", "/volunteers/settings", "admin"),
]
RANK = {None: 0, "viewer": 1, "coordinator": 2, "admin": 3}


@pytest.mark.parametrize("role", [None, "viewer", "coordinator", "admin"])
@pytest.mark.parametrize("method,path,needed", ROUTES)
def test_role_checks(client, client_as, make_volunteer, role, method, path, needed):
    make_volunteer()
    http = client_as(role) if role else client
    response = http.open(path, method=method, data={})
    if role is None:
        assert response.status_code == 302 and "/login" in response.location
    elif RANK[role] < RANK[needed]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302)


def test_list_masks_phones_and_renders_in_both_languages(viewer_client, make_volunteer):
    make_volunteer(
        name="张三", phone="+8613812345678", skills={"elder_care": "certified"}
    )
    zh = viewer_client.get("/volunteers/?lang=zh").get_data(as_text=True)
    assert "张三" in zh and "+86 138****5678" in zh and "13812345678" not in zh
    assert "助老服务" in zh and "志愿者" in zh
    en = viewer_client.get("/volunteers/?lang=en").get_data(as_text=True)
    assert "Elder care (Certified)" in en and "1 volunteer found." in en


def test_filters_by_specialty_level_slot_district_core_and_status(
    viewer_client, make_volunteer, specialties
):
    make_volunteer(
        name="甲", skills={"elder_care": "experienced"}, slots={(5, "morning")}
    )
    make_volunteer(
        name="乙", skills={"elder_care": "interested"}, slots={(5, "morning")}
    )
    make_volunteer(
        name="丙", skills={"elder_care": "certified"}, slots={(6, "morning")}
    )
    make_volunteer(
        name="丁", skills={"legal": "experienced"}, district="福田区", is_core=True
    )
    make_volunteer(name="戊", status="pending", slots={(5, "morning")})
    elder = specialties["elder_care"].id

    def names(query):
        page = viewer_client.get("/volunteers/?" + query).get_data(as_text=True)
        return {n for n in "甲乙丙丁戊" if f">{n}</a>" in page}

    assert names(f"specialty={elder}") == {"甲", "乙", "丙"}
    assert names(f"specialty={elder}&level=experienced") == {"甲", "丙"}
    assert names(f"specialty={elder}&weekday=5&part=morning") == {"甲", "乙"}
    assert names("weekday=5") == {"甲", "乙", "戊"}
    assert names("district=福田") == {"丁"}
    assert names("core=yes") == {"丁"}
    assert names("status=pending") == {"戊"}
    assert names("q=丙") == {"丙"}
    assert names("specialty=abc&weekday=9&level=boss&page=x") == set("甲乙丙丁戊")


def test_filter_by_certificate_expiring_soon(
    viewer_client, make_volunteer, specialties
):
    from volunteer_hub.volunteers.profile.services import (
        SpecialtyChoice,
        set_specialties,
    )

    soon = make_volunteer(name="快到期")
    later = make_volunteer(name="还早")
    today = clock.now().date()
    for volunteer, days in ((soon, 20), (later, 200)):
        set_specialties(
            volunteer,
            [
                SpecialtyChoice(
                    specialties["medical"].id,
                    "certified",
                    "护士证",
                    certificate_expiry=today + timedelta(days=days),
                )
            ],
        )
    db.session.commit()
    page = viewer_client.get("/volunteers/?expiring=30").get_data(as_text=True)
    assert "快到期" in page and "还早" not in page


def test_search_by_phone_digits(viewer_client, make_volunteer):
    make_volunteer(name="李四", phone="+8613955556666")
    make_volunteer(name="王五")
    page = viewer_client.get("/volunteers/?q=5556666").get_data(as_text=True)
    assert "李四" in page and "王五" not in page
    assert viewer_client.get("/volunteers/?q=%25%5C_").status_code == 200


def test_pagination(viewer_client, make_volunteer):
    for _ in range(55):
        make_volunteer()
    first = viewer_client.get("/volunteers/").get_data(as_text=True)
    assert "55 volunteers found." in viewer_client.get("/volunteers/?lang=en").get_data(
        as_text=True
    )
    assert 'rel="next"' in first
    assert viewer_client.get("/volunteers/?page=2").status_code == 200


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
