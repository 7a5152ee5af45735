"""The organisation profile and its logo and seal images."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.organisation.models import Organisation

PROFILE = {
    "name_zh": "新名称协会",
    "name_en": "New Name Association",
    "registration_code": "51440300NEW000000X",
    "address": "北京市朝阳区",
    "contact_name": "李华",
    "contact_phone": "010-12345678",
    "contact_email": "new@example.org",
    "default_locale": "en",
    "currency": "CNY",
    "country": "CN",
    "timezone": "Asia/Shanghai",
    "jurisdiction": "cn",
    "receipt_wording": "",
}


def png_bytes(size=(64, 64), fmt="PNG"):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def test_admin_edits_the_profile_with_audit(admin_client, org):
    response = admin_client.post("/organisation/", data=PROFILE)
    assert response.status_code == 302
    org = db.session.get(Organisation, org.id)
    assert (org.name_zh, org.default_locale) == ("新名称协会", "en")
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "organisation.update")
    )
    assert event.before["name_zh"] == "测试志愿者协会"
    assert event.after["name_zh"] == "新名称协会"
    assert "currency" not in event.after  # only what changed


def test_invalid_choice_changes_nothing(admin_client, org):
    response = admin_client.post("/organisation/", data={**PROFILE, "currency": "XXX"})
    assert response.status_code == 200
    assert db.session.get(Organisation, org.id).name_zh == "测试志愿者协会"


@pytest.mark.parametrize("kind", ["logo", "seal"])
@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF"])
def test_upload_images_are_checked_and_stored_as_png(admin_client, org, kind, fmt):
    data = {"image": (io.BytesIO(png_bytes(fmt=fmt)), f"seal.{fmt.lower()}")}
    response = admin_client.post(
        f"/organisation/image/{kind}", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    stored = getattr(db.session.get(Organisation, org.id), f"{kind}_image")
    assert stored.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(stored)).size == (64, 64)
    served = admin_client.get(f"/organisation/{kind}.png")
    assert served.data == stored and served.mimetype == "image/png"


@pytest.mark.parametrize(
    "payload,name",
    [
        (b"not an image at all", "fake.png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>", "a.svg"),
        (png_bytes()[:40], "truncated.png"),
    ],
)
def test_bad_images_are_refused_with_a_message(admin_client, org, payload, name):
    response = admin_client.post(
        "/organisation/image/seal?lang=en",
        data={"image": (io.BytesIO(payload), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "not an image we can read" in page or "cannot be used" in page
    assert db.session.get(Organisation, org.id).seal_image is None


@pytest.mark.parametrize(
    ("kind", "megabytes", "message"),
    [
        ("logo", 2, "The image must be smaller than 1 MB."),
        ("seal", 5.5, "The image must be smaller than 5 MB."),
        ("seal", 7, "File too large"),
    ],
)
def test_a_large_upload_is_refused_and_changes_nothing(
    admin_client, org, kind, megabytes, message
):
    big = b"\x89PNG" + b"0" * int(megabytes * 1024 * 1024)
    response = admin_client.post(
        f"/organisation/image/{kind}?lang=en",
        data={"image": (io.BytesIO(big), "big.png")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert message in response.get_data(as_text=True)
    assert getattr(db.session.get(Organisation, org.id), f"{kind}_image") is None
    count = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action.like("organisation.%_upload"))
    )
    assert count == 0


def test_seal_is_private_but_logo_is_public(client, admin_client, org):
    admin_client.post(
        "/organisation/image/seal",
        data={"image": (io.BytesIO(png_bytes()), "s.png")},
        content_type="multipart/form-data",
    )
    admin_client.post(
        "/organisation/image/logo",
        data={"image": (io.BytesIO(png_bytes()), "l.png")},
        content_type="multipart/form-data",
    )
    assert client.get("/organisation/logo.png").status_code == 200
    assert client.get("/organisation/seal.png").status_code == 302
    assert 'src="/organisation/logo.png"' in client.get("/").get_data(as_text=True)


def test_remove_image(admin_client, org):
    admin_client.post(
        "/organisation/image/logo",
        data={"image": (io.BytesIO(png_bytes()), "l.png")},
        content_type="multipart/form-data",
    )
    admin_client.post("/organisation/image/logo/remove")
    assert db.session.get(Organisation, org.id).logo_image is None
    assert admin_client.post("/organisation/image/other/remove").status_code == 404
