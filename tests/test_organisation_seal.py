"""The seal: checked at upload, stored print-ready, and small on every receipt."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from tests.fixtures.seals import emblem, encoded, photographed_seal, png_claiming
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.organisation.images import SEAL_PRINT_SIDE
from volunteer_hub.organisation.models import Organisation
from volunteer_hub.organisation.services import MAX_UPLOAD_BYTES


def upload(client, data: bytes, name: str = "seal.png", lang: str = "en"):
    return client.post(
        f"/organisation/image/seal?lang={lang}",
        data={"image": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def on_white_paper(png: bytes, side: int) -> np.ndarray:
    """The picture laid on white paper at ``side`` px, as floats 0 to 1."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    image = image.resize((side, side), Image.Resampling.LANCZOS)
    paper = Image.new("RGBA", image.size, "white")
    return np.asarray(Image.alpha_composite(paper, image).convert("RGB")) / 255


def seal_events() -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action.like("organisation.seal%"))
            .order_by(AuditEvent.id)
        )
    )


def test_a_large_photographed_seal_is_stored_print_ready(admin_client, org):
    original = photographed_seal(1000)
    assert len(original) > 1024 * 1024  # refused before this work (1 MB)
    upload(admin_client, original)

    org = db.session.get(Organisation, org.id)
    stored = Image.open(io.BytesIO(org.seal_image))
    assert stored.size == (SEAL_PRINT_SIDE, SEAL_PRINT_SIDE)
    assert stored.mode == "RGBA" and len(org.seal_image) < 40 * 1024
    alpha = np.asarray(stored.getchannel("A"))
    assert alpha[0, 0] == 0 and alpha[240, 240] > 0  # paper clear, star inked
    assert (alpha == 0).mean() > 0.5  # the background stays transparent
    # One ink: every pixel the same colour, the photo's red.
    colours = {tuple(rgb) for _, (*rgb, _a) in stored.getcolors(1 << 20)}
    assert len(colours) == 1
    red, green, blue = colours.pop()
    assert red > 150 and green < 70 and blue < 80
    # On paper it looks the same as the upload at the same size.
    difference = np.abs(
        on_white_paper(org.seal_image, 480) - on_white_paper(original, 480)
    )
    assert difference.mean() < 0.01 and np.percentile(difference, 99.5) < 0.1
    # The upload is kept for a later re-preparation, at its own size.
    assert Image.open(io.BytesIO(org.seal_original)).size == (1000, 1000)
    [event] = seal_events()
    assert event.action == "organisation.seal_upload" and event.actor_id is not None
    assert "480×480 px" in event.after["seal"]


def test_a_coloured_emblem_keeps_its_colours(admin_client, org):
    upload(admin_client, emblem(600))
    stored = db.session.get(Organisation, org.id).seal_image
    image = Image.open(io.BytesIO(stored))
    assert image.mode == "RGBA" and image.size == (480, 480)
    assert image.getpixel((0, 0))[3] == 0
    difference = np.abs(on_white_paper(stored, 480) - on_white_paper(emblem(600), 480))
    assert difference.mean() < 0.01
    blue, red = image.getpixel((60, 240)), image.getpixel((240, 240))
    assert blue[2] > 150 > blue[0] and red[0] > 150 > red[2]


def test_a_scan_on_white_paper_becomes_ink_on_transparent(admin_client, org):
    scan = Image.new("RGB", (900, 900), "white")
    scan.paste(photographed_seal_on_white(900), (0, 0))
    upload(admin_client, encoded(scan, "JPEG", quality=92), "scan.jpg")
    stored = Image.open(io.BytesIO(db.session.get(Organisation, org.id).seal_image))
    assert stored.mode == "RGBA" and stored.getpixel((5, 5))[3] == 0


def photographed_seal_on_white(side: int) -> Image.Image:
    seal = Image.open(io.BytesIO(photographed_seal(side))).convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", seal.size, "white"), seal)


def test_a_phone_photo_is_turned_upright(admin_client, org):
    wide = Image.new("RGB", (400, 200), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    upload(admin_client, encoded(wide, "JPEG", exif=exif), "IMG_0001.JPG")
    stored = Image.open(io.BytesIO(db.session.get(Organisation, org.id).seal_image))
    assert stored.size == (200, 400)  # upright, never enlarged


def test_a_receipt_with_a_large_seal_stays_small(
    admin_client, receipt_org, make_receipt
):
    upload(admin_client, photographed_seal(1000))
    receipt = make_receipt()
    assert len(receipt.pdf) < 70 * 1024  # 34 KB without a seal
    images = PdfReader(io.BytesIO(receipt.pdf)).pages[0].images
    seal = max(images, key=lambda image: image.image.width)
    assert seal.image.size == (480, 480) and seal.image.mode == "RGBA"


HOSTILE = {
    "not an image": (b"MZ\x90\x00 this is not a picture", "seal.png"),
    "svg with a script": (
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "seal.svg",
    ),
    "svg named png": (
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "seal.png",
    ),
    "empty": (b"", "seal.png"),
    "wrong extension": (encoded(Image.new("RGB", (64, 64), "red")), "seal.exe"),
    "bomb past Pillow's limit": (png_claiming(20000, 20000), "seal.png"),
    "bomb past ours": (png_claiming(6000, 6000), "seal.png"),
    "bomb Pillow warns of": (png_claiming(10000, 10000), "seal.png"),
    "truncated": (photographed_seal(200)[:3000], "seal.png"),
    "too many bytes": (b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 10), "seal.png"),
}
MESSAGES = {
    "not an image": ("not an image we can read", "不是我们能读取的图片"),
    "svg with a script": (
        "ending in .svg cannot be used",
        "不能使用以 .svg 结尾的文件",
    ),
    "svg named png": ("not an image we can read", "不是我们能读取的图片"),
    "empty": ("The file is empty", "文件是空的"),
    "wrong extension": ("ending in .exe cannot be used", "不能使用以 .exe 结尾的文件"),
    "bomb past Pillow's limit": ("too large", "图片太大"),
    "bomb past ours": ("too large (6,000 × 6,000 pixels)", "图片太大"),
    "bomb Pillow warns of": ("too large (10,000 × 10,000 pixels)", "图片太大"),
    "truncated": ("not an image we can read", "不是我们能读取的图片"),
    "too many bytes": ("smaller than 5 MB", "小于 5 MB"),
}


# Pillow warns of the 100-megapixel claim as it opens the file; it is refused.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_uploads_get_a_message_and_change_nothing(
    admin_client, org, case, lang
):
    upload(admin_client, photographed_seal(200))
    before = db.session.get(Organisation, org.id).seal_image
    events = len(seal_events())

    response = upload(admin_client, *HOSTILE[case], lang=lang)

    assert response.status_code == 200
    english, chinese = MESSAGES[case]
    assert (english if lang == "en" else chinese) in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).seal_image == before
    assert len(seal_events()) == events


def test_removing_the_seal_removes_the_kept_upload(admin_client, org):
    upload(admin_client, photographed_seal(600))
    admin_client.post("/organisation/image/seal/remove")
    org = db.session.get(Organisation, org.id)
    assert org.seal_image is None and org.seal_original is None


def test_a_scan_on_grey_paper_stays_as_scanned(admin_client, org):
    grey = photographed_seal_on_white(600)
    grey = Image.blend(grey, Image.new("RGBA", grey.size, (215, 215, 212, 255)), 0.5)
    upload(admin_client, encoded(grey.convert("RGB"), "PNG"))
    stored = Image.open(io.BytesIO(db.session.get(Organisation, org.id).seal_image))
    assert stored.mode == "RGB" and stored.size == (480, 480)
    assert abs(stored.getpixel((5, 5))[0] - 235) <= 4  # the paper, not pale ink


def test_migration_prepares_a_stored_seal_once_and_can_go_back(tmp_path):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import create_engine, text

    from volunteer_hub import create_app

    url = f"sqlite:///{tmp_path / 'seal.sqlite3'}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    big = photographed_seal(1000)
    engine = create_engine(url)
    with app.app_context():
        upgrade(revision="0010")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO organisations (id, singleton, name_zh, name_en,"
                    " registration_code, address, contact_name, contact_phone,"
                    " contact_email, default_locale, currency, country, timezone,"
                    " jurisdiction, receipt_wording, public_url, seal_image, seal_mime,"
                    " created_at, updated_at) VALUES (1, 1, '协会', '', '', '', '', '',"
                    " '', 'zh_Hans', 'CNY', 'CN', 'Asia/Shanghai', 'cn', '', '',"
                    " :seal, 'image/png', '2026-01-01', '2026-01-01')"
                ),
                {"seal": big},
            )
        upgrade()
        with engine.connect() as connection:
            seal, original = connection.execute(
                text("SELECT seal_image, seal_original FROM organisations")
            ).one()
            events = connection.execute(
                text("SELECT action, actor_label, entity_id FROM audit_events")
            ).all()
        assert Image.open(io.BytesIO(seal)).size == (480, 480)
        assert original == big
        assert events == [("organisation.seal_prepare", "migration", "1")]
        downgrade(revision="0010")
        with engine.connect() as connection:
            restored = connection.execute(text("SELECT seal_image FROM organisations"))
            assert restored.scalar_one() == big
    engine.dispose()


def test_a_half_transparent_seal_stays_half_transparent(admin_client, org):
    """Whatever a document prints under the seal still shows through it."""
    veil = Image.new("RGBA", (300, 300), (200, 20, 20, 160))
    upload(admin_client, encoded(veil))
    stored = Image.open(io.BytesIO(db.session.get(Organisation, org.id).seal_image))
    red, green, blue, alpha = stored.getpixel((150, 150))
    assert (red, green, blue) == (200, 20, 20) and abs(alpha - 160) <= 9


@pytest.mark.parametrize(
    ("lang", "logo", "seal"),
    [
        ("en", "at most {logo} MB.", "at most {seal} MB: a photo or scan"),
        ("zh", "最大 {logo} MB。", "不超过 {seal} MB：印章的照片"),
    ],
)
def test_the_upload_hints_name_the_limits_the_upload_applies(
    admin_client, org, lang, logo, seal
):
    """The hints once had the limits typed in; they now take them from
    ``MAX_UPLOAD_BYTES``, so a changed limit changes the words with it."""
    megabytes = {kind: size // 2**20 for kind, size in MAX_UPLOAD_BYTES.items()}
    page = admin_client.get(f"/organisation/?lang={lang}").get_data(as_text=True)
    assert logo.format(**megabytes) in page
    assert seal.format(**megabytes) in page
    assert "%(mb)" not in page
