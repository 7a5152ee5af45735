"""Organisation images converted for PDF once per process (pdf/kept_images.py)."""

import hashlib
import io
import secrets
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from volunteer_hub import pdf
from volunteer_hub.pdf import kept_images
from volunteer_hub.qr import qr_png_data_uri

STATIC = Path(__file__).resolve().parents[1] / "static"


def seal_png() -> bytes:
    """A red seal on a transparent ground, different in every test run."""
    image = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 152, 152), outline=(200, 20, 20, 255), width=9)
    # One pixel placed and shaded at random: a seal converted by an earlier
    # test in the same process would be kept already (one alpha value out of
    # 254 made that happen once in a full run).
    x, y = secrets.randbelow(140) + 10, secrets.randbelow(140) + 10
    draw.point((x, y), fill=(200, 20, 20, 1 + secrets.randbelow(254)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def document(seal_uri: str, verify_url: str) -> bytes:
    html = (
        '<!doctype html><html lang="zh-Hans"><body><p>收据</p>'
        f'<img src="{qr_png_data_uri(verify_url, box_size=1)}" alt="QR">'
        f'<img src="{seal_uri}" alt="印章"></body></html>'
    )
    return pdf.render_pdf_html(html, static_dir=STATIC)


def images(data: bytes) -> dict[str, tuple[bytes, bytes | None]]:
    """Each image of the first page by kind: its data and its alpha mask's."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    found = {}
    for image in page["/Resources"]["/XObject"].values():
        image = image.get_object()
        mask = image.get("/SMask")
        kind = "seal" if mask is not None else "qr"
        found[kind] = (
            image.get_data(),
            mask.get_object().get_data() if mask is not None else None,
        )
    return found


@pytest.fixture
def conversions(monkeypatch):
    """How many image planes WeasyPrint encodes (two for an image with alpha)."""
    from weasyprint.images import RasterImage

    calls = []
    encode = RasterImage._get_png_data

    def counted(pillow_image):
        calls.append(pillow_image.mode)
        return encode(pillow_image)

    monkeypatch.setattr(RasterImage, "_get_png_data", staticmethod(counted))
    return calls


def test_a_seal_is_converted_once_and_drawn_the_same(conversions):
    seal = pdf.image_data_uri(seal_png(), "image/png")
    first = images(document(seal, "https://vh.example/receipts/verify/AAAA"))
    assert sorted(conversions) == ["L", "L", "RGB"]  # the QR code, the seal's planes
    conversions.clear()
    second = images(document(seal, "https://vh.example/receipts/verify/BBBB"))
    # Only the new QR code was converted; the seal came as converted before.
    assert conversions == ["L"]
    assert second["seal"] == first["seal"] and second["seal"][1]
    assert second["qr"] != first["qr"]


def test_only_organisation_images_are_kept(conversions):
    seal = pdf.image_data_uri(seal_png(), "image/png")
    urls = [f"https://vh.example/receipts/verify/C{n:03d}" for n in range(11)]
    for url in urls:
        document(seal, url)
    # One conversion of the seal, however many receipts and QR codes.
    assert conversions.count("RGB") == 1
    assert len(kept_images._converted) <= kept_images.MAX_KEPT
    # No QR code's conversion is kept (WeasyPrint names an image by the MD5
    # of its URL).
    qr_ids = {
        hashlib.md5(qr_png_data_uri(url, box_size=1).encode()).hexdigest()
        for url in urls
    }
    assert not qr_ids & {key[0] for key in kept_images._converted}
