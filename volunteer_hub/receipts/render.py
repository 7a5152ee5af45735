"""Receipt PDFs: rendering from a snapshot, copy stamps and optional signatures.

Rendering needs an application context (templates, translations); it reads only
the snapshot, the seal image passed in and the application's static files.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

from flask import current_app, has_request_context
from markupsafe import Markup, escape

from volunteer_hub import pdf
from volunteer_hub.qr import qr_png_data_uri
from volunteer_hub.receipts import wording
from volunteer_hub.receipts.profiles import profile_for
from volunteer_hub.receipts.snapshot import canonical_json

ATTACHMENT_NAME = "receipt.json"
# Parsed once per render thread and reused (see volunteer_hub.pdf). A receipt
# has a style sheet of its own, not the shared pdf.css (see the sheet's notes).
STYLESHEETS = ("pdf/receipt.css",)


def display_code(code: str) -> str:
    """``K7QM2XPA9D`` → ``K7QM-2XPA-9D``: easier to read out and type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def title_key(snapshot: dict) -> str:
    if snapshot["kind"] == "statement":
        return "title_statement"
    return profile_for(snapshot["jurisdiction"]).title_key


def _sentence(language: str, key: str, params: dict) -> Markup:
    sentence = escape(wording.table(language)[key])
    if not params:
        return sentence
    return Markup(sentence % {name: escape(value) for name, value in params.items()})


def template_text(language: str, between: str = " / "):
    """``T(key, **params)`` for the receipt template: the text in the receipt's
    language, or both, ``between`` them: "编号 / No.".

    Plain text, with no element around either language: every inline box
    costs WeasyPrint layout time on every line it is on (with a ``<span>``
    around each English half, a bilingual receipt took 30 % longer to draw).
    The page's language is the receipt's first (``render_receipt``), so the
    Chinese text is Chinese to the font; the English half uses only ASCII
    punctuation, which the CJK fonts draw as in English text.
    """
    if language in ("zh", "en"):
        return lambda key, **params: _sentence(language, key, params)
    pattern = Markup("{0}") + Markup(between) + Markup("{1}")

    def both(key: str, **params) -> Markup:
        return pattern.format(
            _sentence("zh", key, params), _sentence("en", key, params)
        )

    return both


def heading_text(language: str):
    """``TH(key)``: like ``T``, with the English half of a bilingual column
    heading on a line of its own (so that "数量 / Quantity" never runs into
    the next column)."""
    return template_text(language, between="<br>")


def plain_text(language: str):
    """``P(key)``: a label in the receipt's language(s) as plain text
    ("编号 / No."), for attributes such as the ones the page footer reads."""

    def text(key: str) -> str:
        return " / ".join(
            wording.table(each)[key] for each in wording.languages(language)
        )

    return text


def plain_title(snapshot: dict) -> str:
    table = wording.table(wording.languages(snapshot["language"])[0])
    return f"{table[title_key(snapshot)]} {snapshot['number']}"


def render_receipt(
    snapshot: dict, *, seal: tuple[bytes, str] | None, created: datetime
) -> bytes:
    """The PDF/A-3b of ``snapshot``, with the snapshot's canonical JSON attached."""
    language = snapshot["language"]
    view = dict(
        snapshot,
        verify_code_display=display_code(snapshot["verify_code"]),
        total_value_display=(
            f"{Decimal(snapshot['total_value']):,.2f}"
            if snapshot.get("total_value")
            else ""
        ),
    )
    seal_uri = None
    if seal and seal[0]:
        try:
            seal_uri = pdf.image_data_uri(*seal)
        except ValueError:
            seal_uri = None
    data = canonical_json(snapshot).encode("utf-8")
    if not has_request_context():
        # Workers have no request; the page shell's context needs one.
        with current_app.test_request_context("/"):
            return render_receipt(snapshot, seal=seal, created=created)
    return pdf.render_pdf(
        "receipts/pdf.html",
        attachments=[(ATTACHMENT_NAME, data, "Canonical JSON of this receipt")],
        title=plain_title(snapshot),
        lang="en" if language == "en" else "zh-Hans",
        created=created,
        stylesheets=STYLESHEETS,
        page_size=snapshot["page_size"],
        s=view,
        body_class="both-languages" if language not in ("zh", "en") else "",
        T=template_text(language),
        TH=heading_text(language),
        P=plain_text(language),
        title_key=title_key(snapshot),
        states_values=profile_for(snapshot["jurisdiction"]).states_values,
        seal_uri=seal_uri,
        # A PNG QR code of one pixel a module, scaled up without smoothing
        # (receipt.css), weighs ~0.3 KB; as vector paths it would be ~7 KB.
        qr_uri=qr_png_data_uri(snapshot["verify_url"], box_size=1),
    )


_copy_stamp: dict[str, bytes] = {}


def _stamp_pdf(page_size: str) -> bytes:
    found = _copy_stamp.get(page_size)
    if found is None:
        html = (
            '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="pdf/receipt-copy.css"></head>'
            f'<body class="page-{page_size.lower()}"><p class="copy-stamp">'
            f"{wording.table('zh')['copy']} {wording.table('en')['copy']}</p>"
            "</body></html>"
        )
        found = _copy_stamp[page_size] = pdf.render_pdf_html(
            html, static_dir=current_app.static_folder, pdf_variant=None
        )
    return found


def stamp_copy(original: bytes, page_size: str = "A4") -> bytes:
    """The original PDF with "副本 COPY" printed across every page."""
    from pypdf import PdfReader, PdfWriter

    stamp = PdfReader(io.BytesIO(_stamp_pdf(page_size))).pages[0]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(original)))
    for page in writer.pages:
        page.merge_page(stamp, over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def embedded_snapshot(data: bytes) -> dict | None:
    """The snapshot embedded in a receipt PDF, or None if there is none."""
    import json

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        files = PdfReader(io.BytesIO(data)).attachments
        content = files.get(ATTACHMENT_NAME)
        if not content:
            return None
        return json.loads(content[0].decode("utf-8"))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None
