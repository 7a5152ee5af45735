"""What a sign-up writes: the volunteer, their specialties, audit events, messages."""

import pytest
from sqlalchemy import event, select

from tests.fixtures.volunteers import signup_data
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.links import hash_secret, secret_matches
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.volunteers.models import Volunteer, VolunteerSpecialty

FROM_IP = "203.0.113.9"
FROM = {"REMOTE_ADDR": FROM_IP}


def volunteer_events():
    return db.session.execute(
        select(
            AuditEvent.action,
            AuditEvent.entity_id,
            AuditEvent.actor_id,
            AuditEvent.actor_label,
            AuditEvent.before,
            AuditEvent.after,
            AuditEvent.ip_address,
        )
        .where(AuditEvent.entity_type == "volunteers")
        .order_by(AuditEvent.id)
    ).all()


def specialty_rows():
    return db.session.execute(
        select(
            VolunteerSpecialty.volunteer_id,
            VolunteerSpecialty.specialty_id,
            VolunteerSpecialty.level,
            VolunteerSpecialty.certificate_name,
            VolunteerSpecialty.certificate_number,
            VolunteerSpecialty.certificate_expiry,
            VolunteerSpecialty.verified_by_id,
        ).order_by(VolunteerSpecialty.id)
    ).all()


def test_a_signup_writes_the_volunteer_specialties_and_two_audit_events(
    client, org, specialties
):
    care, medical = specialties["elder_care"].id, specialties["medical"].id
    response = client.post("/signup", data=signup_data(specialties), environ_base=FROM)
    assert response.location.endswith("/signup/done")
    volunteer = db.session.scalar(select(Volunteer))
    assert (volunteer.name, volunteer.phone, volunteer.district) == (
        "王燚",
        "+8613800138000",
        "南山区粤海街道",
    )
    assert (volunteer.status, volunteer.source, volunteer.is_core) == (
        "pending",
        "signup",
        False,
    )
    assert volunteer.email is None and volunteer.intro == "" and volunteer.notes == ""
    assert volunteer.preferred_locale == "zh_Hans"
    assert volunteer.consent_version == "1" and volunteer.consent_at is not None
    assert volunteer.approved_at is None and volunteer.link_issued_at is not None
    assert volunteer.signup_token_hash == hash_secret("t" * 43)
    assert volunteer.id_number_protected is None and volunteer.slots == []
    assert specialty_rows() == [
        (volunteer.id, care, "experienced", "", "", None, None),
        (volunteer.id, medical, "interested", "", "", None, None),
    ]
    label = f"volunteer:{volunteer.id}"
    profile = {
        "status": "pending",
        "is_core": False,
        "district": "南山区粤海街道",
        "max_hours_per_month": None,
        "source": "signup",
        "consent_version": "1",
    }
    skills = {"specialties": {"elder_care": "experienced", "medical": "interested"}}
    assert volunteer_events() == [
        ("volunteer.signup", str(volunteer.id), None, label, None, profile, FROM_IP),
        (
            "volunteer.specialties",
            str(volunteer.id),
            None,
            label,
            None,
            skills,
            FROM_IP,
        ),
    ]
    # No e-mail address given: no message to pass on.
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_a_signup_without_specialties_writes_one_event(client, org, specialties):
    data = signup_data(specialties, specialties=[])
    assert client.post("/signup", data=data).status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    assert specialty_rows() == []
    assert [event.action for event in volunteer_events()] == ["volunteer.signup"]
    assert volunteer.status == "pending"


def test_auto_approval_makes_the_volunteer_active(client, org, specialties):
    from volunteer_hub.volunteers.admin.services import update_settings

    update_settings(auto_approve=True)
    db.session.commit()
    assert client.post("/signup", data=signup_data(specialties)).status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.status == "active" and volunteer.approved_at is not None
    assert volunteer_events()[0].after["status"] == "active"


def test_a_signup_with_an_email_queues_the_link(app, org, specialties):
    """Other callers of the service may give an e-mail: the link is sent there."""
    from volunteer_hub.volunteers.lifecycle.services import sign_up
    from volunteer_hub.volunteers.profile.services import SpecialtyChoice

    with app.test_request_context("/signup", environ_base=FROM):
        volunteer, secret = sign_up(
            token="m" * 43,
            consent=True,
            specialties=[SpecialtyChoice(specialties["legal"].id, "interested")],
            name="李雷",
            phone="13900139000",
            email="Li.Lei@Example.org",
        )
        db.session.commit()
    assert secret_matches(secret, volunteer.link_secret_hash)
    (message,) = db.session.scalars(select(OutboxMessage)).all()
    assert message.to_address == "li.lei@example.org"
    assert (message.entity_type, message.entity_id) == ("volunteers", str(volunteer.id))
    assert [event.action for event in volunteer_events()] == [
        "volunteer.signup",
        "volunteer.specialties",
    ]
    assert specialty_rows() == [
        (volunteer.id, specialties["legal"].id, "interested", "", "", None, None)
    ]


def test_wtforms_own_messages_are_in_the_visitors_language(client, org, specialties):
    data = signup_data(specialties, district="区" * 101)
    zh = client.post("/signup?lang=zh", data=data).get_data(as_text=True)
    assert "字段长度不能超过 100 个字符" in zh
    en = client.post("/signup?lang=en", data=data).get_data(as_text=True)
    assert "Field cannot be longer than 100 characters." in en
    assert db.session.scalars(select(Volunteer)).all() == []


def test_a_signup_takes_five_statements_and_reads_nothing_it_wrote(
    client, org, specialties
):
    """Issue 17: a sign-up took 16 statements (specialties three times, the new
    volunteer's empty collections, the record again after the commit); now the
    worker keeps the taxonomy, the terms and the profile, and reads only their
    token and the phone number."""
    from volunteer_hub.volunteers.admin.services import current_notice, current_settings

    # Made on first use, as on any installation's first day.
    current_notice(), current_settings()
    db.session.commit()
    headers = {"Accept-Language": "zh-CN,zh;q=0.9"}
    first = signup_data(specialties, token="f" * 43, phone="139 0013 9000")
    assert client.post("/signup", data=first, headers=headers).status_code == 302
    data = signup_data(specialties)
    statements = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement.split(None, 1)[0].upper())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        response = client.post("/signup", data=data, headers=headers)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert response.location.endswith("/signup/done")
    # The volunteer, their specialties, and both audit events in one INSERT.
    assert statements.count("SELECT") == 2 and statements.count("INSERT") == 3
    first_write = statements.index("INSERT")
    assert "SELECT" not in statements[first_write:]
    assert len(specialty_rows()) == 4 and len(volunteer_events()) == 4


def test_a_retired_or_unknown_specialty_is_refused_before_anything_is_written(
    app, org, specialties
):
    """The service checks the choices before its first INSERT: a refused
    sign-up leaves no volunteer, specialty row or audit event, and names the
    field of the bad choice."""
    from volunteer_hub.errors import DomainError
    from volunteer_hub.volunteers.admin.services import (
        current_notice,
        current_settings,
        set_specialty_retired,
    )
    from volunteer_hub.volunteers.lifecycle.services import sign_up
    from volunteer_hub.volunteers.profile.specialties import SpecialtyChoice

    medical = specialties["medical"]
    set_specialty_retired(medical, True)
    # Made on first use, as on any installation's first day.
    current_notice(), current_settings()
    db.session.commit()
    statements = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement.split(None, 1)[0].upper())

    for chosen in (medical.id, 999_999):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            with app.test_request_context("/signup"):
                with pytest.raises(DomainError) as refused:
                    sign_up(
                        token="r" * 43,
                        consent=True,
                        specialties=[SpecialtyChoice(chosen, "interested")],
                        name="李雷",
                        phone="13900139000",
                    )
                assert refused.value.field == f"level_{chosen}"
                assert str(refused.value) == "请从列表中选择专长。"
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        db.session.rollback()
        assert "INSERT" not in statements
    assert db.session.scalars(select(Volunteer)).all() == []
    assert specialty_rows() == [] and volunteer_events() == []


def test_the_signed_up_volunteer_is_a_row_of_the_session(app, org, specialties):
    """The volunteer is inserted with one Core statement, then joins the
    session as if loaded: every column is set (no query to read one back), and
    a later change in the same transaction is written by the commit."""
    from sqlalchemy import inspect

    from volunteer_hub.volunteers.lifecycle.services import sign_up

    with app.test_request_context("/signup"):
        volunteer, _secret = sign_up(
            token="p" * 43, consent=True, name="韩梅梅", phone="13700137000"
        )
        state = inspect(volunteer)
        assert state.persistent and not state.expired_attributes - {
            "specialties",
            "slots",
        }
        assert (volunteer.is_core, volunteer.intro, volunteer.notes) == (False, "", "")
        assert volunteer.created_at and volunteer.updated_at
        volunteer.intro = "周末有空"
        db.session.commit()
    stored = db.session.execute(
        select(Volunteer.intro, Volunteer.district, Volunteer.status)
    ).one()
    assert tuple(stored) == ("周末有空", "", "pending")
