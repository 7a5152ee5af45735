"""QR codes: inline SVG for pages, PNG data URIs for documents."""

import base64
import io
import random
import re
import string
import xml.etree.ElementTree as ET

import pytest
import qrcode
from jinja2 import Environment
from markupsafe import Markup
from PIL import Image

from volunteer_hub.qr import qr_png_data_uri, qr_svg
from volunteer_hub.qr_masks import FastMaskQRCode

URL = "https://hub.example.org/receipts/verify/7QK2-M9XD-4HTA"
SVG = "{http://www.w3.org/2000/svg}"


def expected_matrix(data, level=qrcode.constants.ERROR_CORRECT_M):
    """The modules, quiet zone included, that a level-M code of ``data`` has."""
    code = qrcode.QRCode(error_correction=level, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def svg_modules(svg: str) -> set[tuple[int, int]]:
    path = ET.fromstring(svg).find(f"{SVG}path").get("d")
    squares = re.findall(r"M(\d+),(\d+)H(\d+)V(\d+)H\d+z", path)
    assert "".join(f"M{x},{y}H{x2}V{y2}H{x}z" for x, y, x2, y2 in squares) == path
    return {(int(y), int(x)) for x, y, _, _ in squares}


def dark_cells(matrix) -> set[tuple[int, int]]:
    return {
        (r, c) for r, row in enumerate(matrix) for c, dark in enumerate(row) if dark
    }


def test_svg_is_inline_markup_with_accessible_name():
    svg = qr_svg(URL, aria_label="扫码验证 <receipt>")
    assert isinstance(svg, Markup)
    assert svg.startswith("<svg ") and "<?xml" not in svg
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "扫码验证 <receipt>"
    assert "id=" not in svg  # several codes may share a page


def test_svg_encodes_the_data_at_error_correction_m():
    svg = qr_svg(URL)
    matrix = expected_matrix(URL)
    assert ET.fromstring(svg).get("viewBox") == f"0 0 {len(matrix)} {len(matrix)}"
    assert svg_modules(svg) == dark_cells(matrix)
    low = expected_matrix(URL, qrcode.constants.ERROR_CORRECT_L)
    assert svg_modules(svg) != dark_cells(low)


def test_svg_default_label_outside_an_app():
    assert 'aria-label="QR code"' in qr_svg("x")


def test_svg_is_not_escaped_by_autoescaping_templates():
    env = Environment(autoescape=True)
    html = env.from_string("<p>{{ code }}</p>").render(code=qr_svg("hello"))
    assert html.startswith("<p><svg ")


def test_png_data_uri_encodes_the_data():
    uri = qr_png_data_uri(URL, box_size=6)
    prefix = "data:image/png;base64,"
    assert uri.startswith(prefix)
    image = Image.open(io.BytesIO(base64.b64decode(uri[len(prefix) :])))
    assert image.format == "PNG"
    image = image.convert("L")
    matrix = expected_matrix(URL)
    assert image.size == (len(matrix) * 6, len(matrix) * 6)
    seen = {
        (r, c)
        for r in range(len(matrix))
        for c in range(len(matrix))
        if image.getpixel((c * 6 + 3, r * 6 + 3)) < 128
    }
    assert seen == dark_cells(matrix)


@pytest.mark.parametrize("make", [qr_svg, qr_png_data_uri])
@pytest.mark.parametrize("data", ["", "x" * 1001])
def test_rejects_empty_and_too_long_data(make, data):
    with pytest.raises(ValueError):
        make(data)


@pytest.mark.parametrize("make", [qr_svg, qr_png_data_uri])
def test_accepts_the_longest_allowed_data(make):
    assert make("页" * 300 + "x" * 700)


def test_the_array_mask_choice_is_qrcodes_own():
    """The vectorised mask choice gives the symbol qrcode itself would, over
    every version a receipt or personal link can need (long data reaches the
    versions that carry version information)."""
    rng = random.Random(17)
    alphabet = string.ascii_letters + string.digits + "/:.-_?=&页码"
    versions = set()
    for _ in range(120):
        data = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
        theirs = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
        ours = FastMaskQRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
        for code in (theirs, ours):
            code.add_data(data)
            code.make(fit=True)
        assert ours.get_matrix() == theirs.get_matrix(), data
        versions.add(ours.version)
    assert min(versions) <= 3 and max(versions) >= 7


def test_a_one_pixel_module_png_is_grey_and_exact():
    uri = qr_png_data_uri(URL, box_size=1)
    image = Image.open(io.BytesIO(base64.b64decode(uri.partition(",")[2])))
    assert image.mode == "L"
    matrix = expected_matrix(URL)
    assert image.size == (len(matrix), len(matrix))
    seen = {
        (r, c)
        for r in range(len(matrix))
        for c in range(len(matrix))
        if image.getpixel((c, r)) < 128
    }
    assert seen == dark_cells(matrix)
