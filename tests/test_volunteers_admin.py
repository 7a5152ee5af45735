"""Specialty taxonomy, volunteer settings, privacy notice versions, helpers."""

import pytest
from sqlalchemy import select

from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.models import PrivacyNotice, Specialty, VolunteerSettings


def test_seeded_taxonomy_is_bilingual(specialties):
    assert len(specialties) >= 15
    assert specialties["elder_care"].name_zh == "助老服务"
    assert specialties["legal"].name_en == "Legal aid"


def test_admin_adds_renames_and_retires_without_breaking_records(
    admin_client, make_volunteer, specialties
):
    response = admin_client.post(
        "/volunteers/specialties/new",
        data={"code": "first_aid", "name_zh": "急救培训", "name_en": "First aid"},
    )
    assert response.status_code == 302
    first_aid = db.session.scalar(
        select(Specialty).where(Specialty.code == "first_aid")
    )
    volunteer = make_volunteer(skills={"first_aid": "experienced"})
    admin_client.post(
        f"/volunteers/specialties/{first_aid.id}",
        data={"name_zh": "心肺复苏", "name_en": "CPR"},
    )
    admin_client.post(f"/volunteers/specialties/{first_aid.id}/retire")
    db.session.refresh(first_aid)
    assert (first_aid.name_zh, first_aid.retired) == ("心肺复苏", True)
    assert "心肺复苏" not in admin_client.get("/signup").get_data(as_text=True)
    page = admin_client.get(f"/volunteers/{volunteer.id}").get_data(as_text=True)
    assert "心肺复苏" in page
    # The volunteer keeps a retired specialty when their profile is edited.
    edit = admin_client.get(f"/volunteers/{volunteer.id}/edit").get_data(as_text=True)
    assert f'name="level_{first_aid.id}"' in edit
    admin_client.post(f"/volunteers/specialties/{first_aid.id}/restore")
    db.session.refresh(first_aid)
    assert first_aid.retired is False


@pytest.mark.parametrize("code", ["", "Bad Code", "x", "elder_care", "a" * 40])
def test_bad_or_taken_codes_are_refused(admin_client, specialties, code):
    before = db.session.query(Specialty).count()
    page = admin_client.post(
        "/volunteers/specialties/new", data={"code": code, "name_zh": "新专长"}
    )
    assert page.status_code == 200 and "field-error" in page.get_data(as_text=True)
    assert db.session.query(Specialty).count() == before


def test_specialties_and_settings_pages_render_in_both_languages(
    admin_client, specialties
):
    for lang, word in (("zh", "专长"), ("en", "Specialties")):
        page = admin_client.get(f"/volunteers/specialties?lang={lang}")
        assert word in page.get_data(as_text=True)
    for lang, word in (("zh", "隐私声明"), ("en", "Privacy notice")):
        page = admin_client.get(f"/volunteers/settings?lang={lang}")
        assert word in page.get_data(as_text=True)


def test_settings_and_new_notice_version(admin_client, client, org, specialties):
    admin_client.post("/volunteers/settings", data={"collect_id_number": "y"})
    assert db.session.scalar(select(VolunteerSettings)).collect_id_number is True
    admin_client.post(
        "/volunteers/settings/notice",
        data={"text_zh": "新的隐私声明", "text_en": "New notice"},
    )
    notices = db.session.scalars(select(PrivacyNotice).order_by(PrivacyNotice.id)).all()
    assert [n.version for n in notices] == ["1", "2"]
    assert "新的隐私声明" in client.get("/privacy?lang=zh").get_data(as_text=True)
    assert "New notice" in client.get("/signup?lang=en").get_data(as_text=True)


def test_poster_shows_the_signup_qr(viewer_client):
    page = viewer_client.get("/volunteers/poster").get_data(as_text=True)
    assert "/signup" in page and "<svg" in page


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("13800138000", "+8613800138000"),
        ("+86 138-0013-8000", "+8613800138000"),
        ("(0086) 13800138000", "+8613800138000"),
        ("+852 9123 4567", "+85291234567"),
        ("１３８００１３８０００", "+8613800138000"),  # full-width, from a Chinese IME
    ],
)
def test_phone_normalisation(raw, expected):
    assert personal.normalise_phone(raw, "CN") == expected


@pytest.mark.parametrize("raw", ["", "123", "+86 10 6512 3456", "1" * 40, "电话"])
def test_phone_refusals(raw):
    with pytest.raises(DomainError):
        personal.normalise_phone(raw, "CN")


@pytest.mark.parametrize(
    "e164,masked",
    [
        ("+8613812345678", "+86 138****5678"),
        ("+861065123456", "+86 106***3456"),
        ("+8612345", "+86 12***"),
        ("+85291234567", "+852 912*4567"),
        ("+14155550123", "+1 415***0123"),
        ("not a number", "****"),
    ],
)
def test_masked_phones_china_read_without_parsing_others_parsed(e164, masked):
    assert personal.mask_phone(e164) == masked


def test_masking():
    assert personal.mask_phone("+8613812345678") == "+86 138****5678"
    assert personal.mask_name("王燚") == "王*"
    assert personal.mask_name("欧阳小燚") == "欧**燚"
    assert personal.mask_name("Anne Smith") == "A*** S****"
    assert personal.mask_id_number("11010519491231002X") == "110***********002X"


def test_id_numbers_are_encrypted_and_survive_only_with_the_key(app):
    token = personal.protect("11010519491231002X")
    assert personal.unprotect(token) == "11010519491231002X"
    app.config["SECRET_KEY"] = "another key"
    assert personal.unprotect(token) is None


def test_demo_data_has_a_bilingual_roster_with_hours(runner, app):
    from volunteer_hub.volunteers.hours.services import approved_hours
    from volunteer_hub.volunteers.models import Volunteer

    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    names = set(db.session.scalars(select(Volunteer.name)))
    assert {"王燚", "Anne-Marie Dubois", "阿依古丽·买买提"} <= names
    assert db.session.scalar(select(Volunteer).where(Volunteer.is_core)) is not None
    assert approved_hours() > 0


def test_cli_seeds_specialties(runner, app):
    result = runner.invoke(args=["volunteers", "seed-specialties"])
    assert "17 specialties added." in result.output
    assert db.session.query(Specialty).count() == 17
