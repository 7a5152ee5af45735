"""CSV export (masked, full for admins with audit) and import with a dry run."""

import base64
import csv
import io
import re

import pytest
from sqlalchemy import func, select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.models import Volunteer

ROSTER = """姓名,手机,邮箱,社区,专长,可服务时间,核心,备注
李雷,13800000001,li@example.org,南山区,助老服务:有经验; medical:certified:护士证,\
周六上午; 6-afternoon,是,会开车
韩梅梅,13800000002,,福田区,legal,sat evening,,
坏号码,12345,,,,,,
李雷重复,13800000001,,,,,,
不认识,13800000003,,,潜水,,,
<script>x</script>,13800000004,,,,,,
时间错,13800000005,,,,周八上午,,
=HYPERLINK(1),13800000006,,,,,,
"""


def rows_of(response):
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def test_export_masks_phones_and_respects_filters(
    coordinator_client, make_volunteer, specialties
):
    make_volunteer(
        name="张三",
        phone="+8613812345678",
        email="zs@example.org",
        skills={"elder_care": "experienced"},
        slots={(5, "morning")},
    )
    make_volunteer(name="李四", skills={"legal": "interested"})
    elder = specialties["elder_care"].id
    response = coordinator_client.get(
        f"/volunteers/export.csv?specialty={elder}&lang=zh"
    )
    assert response.mimetype == "text/csv"
    rows = rows_of(response)
    assert rows[0][:3] == ["编号", "姓名", "手机号"]
    assert len(rows) == 2
    assert rows[1][1] == "张三"
    assert rows[1][2] == "'+86 138****5678"  # masked, and kept from formula use
    assert rows[1][3] == "z***@example.org"
    assert rows[1][7] == "助老服务：有经验" and rows[1][8] == "周六上午"
    assert rows[1][-2:] == ["elder_care:experienced", "5-morning"]
    # A coordinator asking for full data still gets masked data.
    full = rows_of(
        coordinator_client.get(f"/volunteers/export.csv?specialty={elder}&full=1")
    )
    assert "13812345678" not in repr(full)


def test_full_export_for_admins_is_audited(admin_client, make_volunteer):
    make_volunteer(name="张三", phone="+8613812345678")
    rows = rows_of(admin_client.get("/volunteers/export.csv?full=1"))
    assert rows[1][2] == "'+8613812345678"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "volunteers.export_full")
    )
    assert event is not None and event.actor_id == admin_client.user.id


def test_export_reads_in_the_chosen_language_with_codes_at_the_end(
    admin_client, make_volunteer
):
    make_volunteer(
        name="张三",
        skills={"elder_care": "certified", "legal": "interested"},
        slots={(0, "morning"), (5, "evening")},
        is_core=True,
    )
    response = admin_client.get("/volunteers/export.csv?lang=zh")
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only: Excel and WPS
    header, row = rows_of(response)
    zh = dict(zip(header, row, strict=True))
    assert zh["状态"] == "在岗" and zh["核心志愿者"] == "是"
    assert zh["专长"] == "助老服务：持证、法律援助：感兴趣"
    assert zh["可服务时间"] == "周一上午、周六晚上"
    assert header[-4:] == [
        "status_code",
        "core_code",
        "specialty_codes",
        "availability_codes",
    ]
    assert row[-4:] == [
        "active",
        "yes",
        "elder_care:certified; legal:interested",
        "0-morning; 5-evening",
    ]
    header, row = rows_of(admin_client.get("/volunteers/export.csv?lang=en"))
    en = dict(zip(header, row, strict=True))
    assert en["Status"] == "Active" and en["Core volunteer"] == "Yes"
    assert en["Skills"] == "Elder care: Certified; Legal aid: Interested"
    assert en["Usual times"] == "Monday Morning; Saturday Evening"
    assert row[-4:-2] == ["active", "yes"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_exported_roster_imports_again(admin_client, make_volunteer, lang):
    make_volunteer(
        name="张三",
        phone="+8613812345678",
        skills={"elder_care": "experienced", "legal": "interested"},
        slots={(0, "morning"), (5, "evening")},
        max_hours_per_month=12,
        is_core=True,
    )
    text = admin_client.get(f"/volunteers/export.csv?full=1&lang={lang}").text
    db.session.execute(sa_delete_all())
    db.session.commit()
    data = {"file": (io.BytesIO(text.encode("utf-8")), "roster.csv")}
    page = admin_client.post(
        "/volunteers/import", data=data, content_type="multipart/form-data"
    ).get_data(as_text=True)
    content = re.search(r'name="content" type="hidden" value="([^"]+)"', page)
    assert (
        admin_client.post(
            "/volunteers/import/confirm", data={"content": content.group(1)}
        ).status_code
        == 200
    )
    again = db.session.scalar(select(Volunteer).where(Volunteer.name == "张三"))
    assert again.phone == "+8613812345678" and again.is_core
    assert again.max_hours_per_month == 12
    assert {(s.specialty.code, s.level) for s in again.specialties} == {
        ("elder_care", "experienced"),
        ("legal", "interested"),
    }
    assert again.slot_pairs() == {(0, "morning"), (5, "evening")}


def sa_delete_all():
    """Free the phone number: the exported person leaves (withdraws)."""
    from sqlalchemy import update

    return update(Volunteer).values(phone=None, name="")


def test_formula_cells_are_defused(admin_client, make_volunteer):
    make_volunteer(name="正常", district="=cmd|' /C calc'!A0")
    rows = rows_of(admin_client.get("/volunteers/export.csv"))
    assert rows[1][4].startswith("'=")


def upload(client, text, encoding="utf-8", name="roster.csv"):
    data = {"file": (io.BytesIO(text.encode(encoding)), name)}
    return client.post(
        "/volunteers/import?lang=zh", data=data, content_type="multipart/form-data"
    )


def test_dry_run_reports_every_rejected_row_and_saves_nothing(
    admin_client, specialties
):
    response = upload(admin_client, ROSTER)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0
    rejected = re.findall(r'<td data-label="[^"]+">(\d+)</td>', page)
    assert rejected == ["4", "5", "6", "7", "8", "9"]
    assert "<script>x</script>" not in page
    content = re.search(r'name="content" type="hidden" value="([^"]+)"', page).group(1)
    assert "李雷" in base64.b64decode(content).decode()
    confirm = admin_client.post("/volunteers/import/confirm", data={"content": content})
    assert confirm.status_code == 200
    names = set(db.session.scalars(select(Volunteer.name)))
    assert names == {"李雷", "韩梅梅"}
    li = db.session.scalar(select(Volunteer).where(Volunteer.name == "李雷"))
    assert li.is_core and li.source == "import" and li.status == "active"
    assert li.notes == "会开车" and li.email == "li@example.org"
    assert {(s.specialty.code, s.level) for s in li.specialties} == {
        ("elder_care", "experienced"),
        ("medical", "certified"),
    }
    assert li.slot_pairs() == {(5, "morning"), (6, "afternoon")}


def test_import_reads_gb18030_files(admin_client, specialties):
    text = "姓名,手机\n王五,13800000009\n"
    page = upload(admin_client, text, encoding="gb18030").get_data(as_text=True)
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0
    content = re.search(r'name="content" type="hidden" value="([^"]+)"', page).group(1)
    admin_client.post("/volunteers/import/confirm", data={"content": content})
    assert db.session.scalar(select(Volunteer.name)) == "王五"


def test_unusable_files_get_a_clear_message(admin_client, specialties):
    page = upload(admin_client, "foo,bar\n1,2\n").get_data(as_text=True)
    assert "field-error" in page
    page = upload(admin_client, "").get_data(as_text=True)
    assert "field-error" in page
    big = "姓名,手机\n" + "x" * (600 * 1024)
    assert "field-error" in upload(admin_client, big).get_data(as_text=True)
    bad = admin_client.post("/volunteers/import/confirm", data={"content": "%%%"})
    assert bad.status_code == 302
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0


def test_import_is_admin_only(coordinator_client):
    assert coordinator_client.get("/volunteers/import").status_code == 403
    assert coordinator_client.post("/volunteers/import/confirm").status_code == 403


def test_imported_core_flag_has_a_history(admin_client, specialties):
    from volunteer_hub.volunteers.models import CoreFlagChange

    text = "姓名,手机,核心\n钱七,13800000011,是\n"
    page = upload(admin_client, text).get_data(as_text=True)
    content = re.search(r'name="content" type="hidden" value="([^"]+)"', page).group(1)
    admin_client.post("/volunteers/import/confirm", data={"content": content})
    change = db.session.scalar(select(CoreFlagChange))
    assert change.is_core and change.reason
