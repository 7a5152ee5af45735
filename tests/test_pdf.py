"""The shared PDF layer: PDF/A output, fonts, layout and the static-only fetcher."""

import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from flask import Flask, render_template
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from jinja2 import ChoiceLoader, DictLoader
from markupsafe import Markup
from pypdf import PdfReader

from tests.fixtures.pdf import page_text
from volunteer_hub import pdf
from volunteer_hub.numerals import to_chinese_capital
from volunteer_hub.qr import qr_png_data_uri, qr_svg

REPO = Path(__file__).resolve().parents[1]
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
RECEIPT_JSON = '{"number":"VH-2025-000123","amount":"1004.07","donor":"焱燚"}'.encode()
NOTE = "<script>alert('x')</script><b>粗体</b> & 燚"
CHART = Markup(
    '<svg viewBox="0 0 200 40"><rect width="150" height="30" fill="#1f77b4"/></svg>'
)
TEMPLATES = {
    "test_pdf/doc.html": """{% extends "pdf/base.html" %}
{% block content %}
<h2>收据明细 Receipt details</h2>
<p class="user-text">{{ note }}</p>
<p class="amount-capital">{{ capital }}</p>
{% if chart %}<figure class="chart">{{ chart }}</figure>{% endif %}
{% if qr %}<img class="qr" src="{{ qr }}" alt="QR">{% endif %}
{% if rows %}<table>
<thead><tr><th>物品 Item</th><th class="num">数量 Quantity</th></tr></thead>
<tbody>{% for row in rows %}<tr><td>{{ row }}</td><td class="num">{{ loop.index }}</td>
</tr>{% endfor %}</tbody></table>{% endif %}
{% endblock %}""",
}


@pytest.fixture(scope="module")
def pdf_app():
    app = Flask(
        __name__,
        template_folder=str(REPO / "templates"),
        static_folder=str(REPO / "static"),
    )
    app.jinja_loader = ChoiceLoader([DictLoader(TEMPLATES), app.jinja_loader])
    # Flask-Babel installs the same newstyle gettext; null translations make `_`
    # return its message unchanged.
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_null_translations(newstyle=True)
    return app


def render(app, **context):
    context = {
        "title": "捐赠收据 Donation receipt",
        "org_name_zh": "阳光社区志愿者协会",
        "org_name_en": "Sunshine Community Volunteers",
        "period": "2025年度",
        "generated_at": "2025-11-26 17:00",
        "note": NOTE,
        "capital": to_chinese_capital(Decimal("1004.07")),
        **context,
    }
    with app.app_context():
        return PdfReader(io.BytesIO(pdf.render_pdf("test_pdf/doc.html", **context)))


@pytest.fixture(scope="module")
def receipt(pdf_app):
    return render(
        pdf_app,
        attachments=[("receipt.json", RECEIPT_JSON, "Canonical receipt data")],
        chart=CHART,
        created=datetime(2025, 11, 26, 9, 0, tzinfo=UTC),
    )


def test_text_in_chinese_english_and_rare_characters(receipt):
    assert len(receipt.pages) == 1
    text = page_text(receipt.pages[0])
    for expected in (
        "阳光社区志愿者协会",
        "Sunshine Community Volunteers",
        "捐赠收据 Donation receipt",
        "收据明细 Receipt details",
        "壹仟零肆元零柒分",
        "燚",
        "Period: 2025年度",
        "Generated 2025-11-26 17:00",
        "第 1 页 / 共 1 页 · Page 1 of 1",
    ):
        assert expected in text


def test_user_text_is_shown_literally(pdf_app, receipt):
    assert "<script>alert('x')</script><b>粗体</b> & 燚" in page_text(receipt.pages[0])
    with pdf_app.app_context():
        html = render_template("test_pdf/doc.html", note=NOTE)
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_is_pdf_a_3b_with_title_and_language(receipt):
    xmp = receipt.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    assert xmp.dc_title == {"x-default": "捐赠收据 Donation receipt"}
    assert receipt.metadata.title == "捐赠收据 Donation receipt"
    assert receipt.metadata.creation_date == datetime(2025, 11, 26, 9, 0, tzinfo=UTC)
    root = receipt.trailer["/Root"]
    assert root["/Lang"] == "zh-Hans"
    (intent,) = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"


def test_attachment_is_embedded_with_exact_bytes(receipt):
    assert receipt.attachments == {"receipt.json": [RECEIPT_JSON]}
    (filespec,) = receipt.trailer["/Root"]["/AF"]
    filespec = filespec.get_object()
    assert filespec["/AFRelationship"] == "/Data"
    assert filespec["/Desc"] == "Canonical receipt data"
    assert filespec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"


def embedded_fonts(page):
    """(base font name, font file stream) for each font the page uses."""
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        if font["/Subtype"] == "/Type0":
            (font,) = font["/DescendantFonts"]
            font = font.get_object()
        descriptor = font["/FontDescriptor"]
        key = next((k for k in ("/FontFile2", "/FontFile3") if k in descriptor), None)
        assert key, f"{font['/BaseFont']} is not embedded"
        yield font["/BaseFont"], descriptor[key].get_object().get_data()


def cff_font(data: bytes):
    """The top font of an embedded CFF program, bare or inside an OpenType file."""
    if data[:4] == b"OTTO":
        return TTFont(io.BytesIO(data))["CFF "].cff.topDictIndex[0]
    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(data), None)
    return fonts[fonts.fontNames[0]]


def has_outline(charstring) -> bool:
    pen = BoundsPen(None)
    charstring.draw(pen)
    return pen.bounds is not None


def test_fonts_are_embedded_and_subset(receipt):
    fonts = list(embedded_fonts(receipt.pages[0]))
    assert fonts
    characters = len(set(receipt.pages[0].extract_text()))
    for name, data in fonts:
        prefix, plus, family = name[1:].partition("+")
        assert len(prefix) == 6 and prefix.isalpha() and prefix.isupper(), name
        assert plus and family.startswith("Noto-Sans-CJK-SC"), name
        # Compact by default: bare CFF with the glyphs used, where the full face
        # has some 65,000 (and WeasyPrint alone keeps every glyph id below the
        # highest one used, most of them empty).
        assert data[:4] != b"OTTO", name
        font = cff_font(data)
        assert 0 < len(font.charset) <= characters + 1, name


def test_rare_character_has_a_real_glyph(receipt):
    regular = dict(embedded_fonts(receipt.pages[0]))
    (data,) = [data for name, data in regular.items() if name.endswith("CJK-SC")]
    font = cff_font(data)
    # In Noto Sans CJK SC, CID 25566 is 燚: an outline, not an empty box.
    assert has_outline(font.CharStrings["cid25566"])


def test_inline_svg_chart_stays_vector(receipt):
    page = receipt.pages[0]
    images = [
        xobject
        for xobject in page["/Resources"]["/XObject"].values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert images == []
    # The bar's fill colour #1f77b4 is painted as a vector rectangle.
    assert b"0.121569 0.466667 0.705882 rg" in page.get_contents().get_data()


def test_qr_codes_in_a_document(pdf_app):
    reader = render(pdf_app, qr=qr_png_data_uri("https://hub.example.org/r/1"))
    (image,) = reader.pages[0]["/Resources"]["/XObject"].values()
    image = image.get_object()
    assert image["/Subtype"] == "/Image"
    assert image["/Interpolate"].value is False  # image-rendering: pixelated
    reader = render(pdf_app, chart=qr_svg("https://hub.example.org/r/1"))
    assert not reader.pages[0]["/Resources"]["/XObject"]


@pytest.mark.parametrize(("size", "expected"), [("A4", A4), ("A5", A5)])
def test_page_size(pdf_app, size, expected):
    box = render(pdf_app, page_size=size).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(expected, abs=0.1)


def test_long_table_breaks_between_rows_and_repeats_its_header(pdf_app):
    rows = [f"矿泉水 Water crate {n:03d}" for n in range(1, 91)]
    reader = render(pdf_app, rows=rows, page_size="A5")
    count = len(reader.pages)
    assert count >= 3
    texts = [page_text(page) for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert "物品 Item 数量 Quantity" in text
        assert f"第 {number} 页 / 共 {count} 页 · Page {number} of {count}" in text
    for row in rows:
        assert sum(text.count(row) for text in texts) == 1


@pytest.mark.parametrize(
    "options", [{"page_size": "Letter"}, {"pdf_variant": "pdf/z-9"}]
)
def test_rejects_unknown_options(pdf_app, options):
    with pytest.raises(ValueError):
        render(pdf_app, **options)


def test_image_data_uri_allows_only_raster_images():
    assert pdf.image_data_uri(b"\x89PNG", "image/png").startswith("data:image/png;")
    with pytest.raises(ValueError):
        pdf.image_data_uri(b"<svg/>", "image/svg+xml")
