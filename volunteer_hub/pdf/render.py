"""PDF rendering for receipts, reports and certificates.

This package is the only place that imports WeasyPrint, and only when a document
is first rendered (importing it costs a web worker ~30 MB). Templates extend
``templates/pdf/base.html``. Every resource a document refers to goes through the
``StaticOnlyFetcher`` (``fetcher.py``), which serves ``data:`` URIs and files in the
application's static folder and refuses every other URL without opening it, so a
URL typed by a user can never make the server read a file or reach the network.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app, render_template

from volunteer_hub.pdf import kept_images
from volunteer_hub.pdf.fetcher import static_only_fetcher
from volunteer_hub.pdf.fonts import compact_fonts as compact_font_subsets

PAGE_SIZES = ("A4", "A5")
# Image types accepted for logos and seals; SVG is left out because an uploaded
# SVG can carry scripts and links that have no place in a document.
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
# The relationship PDF/A-3 records for an embedded file: the data the visible
# document was produced from (a receipt's canonical JSON).
ATTACHMENT_RELATIONSHIP = "Data"

_local = threading.local()


def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    # Loading the font configuration is the slow part of a small document, so
    # each thread keeps one; Pango font maps are not shared between threads.
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def _stylesheets(static_dir: Path, names: Iterable[str]) -> list:
    """Parsed style sheets from the static folder, kept per thread.

    Parsing the shared style sheets costs about as much as laying out a short
    document, so a long-lived process parses them once (again only when a file
    changes). Paths outside the static folder are refused.
    """
    import weasyprint

    cache = getattr(_local, "stylesheets", None)
    if cache is None:
        cache = _local.stylesheets = {}
    parsed = []
    for name in names:
        path = (static_dir / name).resolve(strict=True)
        if not path.is_relative_to(static_dir):
            raise ValueError(f"style sheet outside the static folder: {name!r}")
        key = (str(path), path.stat().st_mtime_ns)
        sheet = cache.get(key)
        if sheet is None:
            sheet = cache[key] = weasyprint.CSS(
                filename=str(path),
                url_fetcher=static_only_fetcher(static_dir),
                font_config=_font_config(),
            )
        parsed.append(sheet)
    return parsed


def prepare(static_dir: str | Path, stylesheets: Iterable[str] = ()) -> None:
    """Load WeasyPrint, this thread's fonts and the given static style sheets
    now rather than on the first render (for render processes that then freeze
    what they hold, see ``receipts.batch``)."""
    _stylesheets(Path(static_dir).resolve(strict=True), stylesheets)
    _font_config()


def _w3c_date(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def _attachments(items: Iterable[tuple[str, bytes, str]], moment: datetime) -> list:
    import weasyprint

    built = []
    for filename, data, description in items:
        if not filename or not isinstance(data, bytes | bytearray):
            raise ValueError("an attachment needs a file name and bytes")
        built.append(
            weasyprint.Attachment(
                string=bytes(data),
                name=filename,
                description=description,
                created=moment,
                modified=moment,
                relationship=ATTACHMENT_RELATIONSHIP,
            )
        )
    return built


def _dedupe_associated_files(document, pdf) -> None:
    # WeasyPrint 70's PDF/A-3 step lists each embedded file twice in the
    # catalog's /AF array (once from the name tree, once from the file specs).
    associated = pdf.catalog.get("AF")
    if associated:
        unique = list(dict.fromkeys(associated))
        associated.clear()
        associated.extend(unique)


def render_pdf_html(
    html: str,
    *,
    static_dir: str | Path,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    pdf_variant: str | None = "pdf/a-3b",
    title: str | None = None,
    lang: str | None = None,
    created: datetime | None = None,
    compact_fonts: bool = True,
    stylesheets: Iterable[str] = (),
) -> bytes:
    """Turn an HTML string into PDF bytes; needs no Flask application.

    Relative URLs resolve against ``static_dir``, the only folder read from.
    ``attachments`` are ``(filename, bytes, description)`` triples embedded in the
    PDF. ``title`` and ``lang`` override the HTML ``<title>`` and ``lang``;
    ``created`` (default: now) is the document's creation date.
    ``compact_fonts`` (on unless turned off) embeds CID-keyed CJK fonts as bare
    CFF with only the used glyphs (see ``fonts.CompactCFF``): a one-page Chinese
    document shrinks from ~215 KB to ~15–35 KB. ``stylesheets`` are static CSS
    files applied as parsed once per thread (the HTML then should not link
    them). Raises ``ValueError`` for an unknown ``pdf_variant`` or a malformed
    attachment.
    """
    import weasyprint
    from weasyprint.pdf import VARIANTS

    if pdf_variant is not None and pdf_variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {pdf_variant!r}")
    kept_images.install()
    moment = created or datetime.now(UTC)
    fetcher = static_only_fetcher(static_dir)
    options = {
        "pdf_variant": pdf_variant,
        "attachments": _attachments(attachments, moment),
        # Embed only the glyphs used: a full CJK font is about 20 MB.
        "full_fonts": False,
        "hinting": False,
    }
    document = weasyprint.HTML(
        string=html, base_url=fetcher.base_url, url_fetcher=fetcher
    ).render(
        font_config=_font_config(),
        stylesheets=_stylesheets(fetcher.static_dir, stylesheets),
        **options,
    )
    metadata = document.metadata
    if title is not None:
        metadata.title = title
    if lang is not None:
        metadata.lang = lang
    metadata.created = metadata.modified = _w3c_date(moment)

    with compact_font_subsets(compact_fonts) as compact:

        def finisher(doc, pdf):
            _dedupe_associated_files(doc, pdf)
            if compact is not None:
                compact.finish(pdf)

        return document.write_pdf(finisher=finisher, **options)


def render_pdf(
    template_name: str,
    *,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    pdf_variant: str | None = "pdf/a-3b",
    title: str | None = None,
    lang: str = "zh-Hans",
    created: datetime | None = None,
    compact_fonts: bool = True,
    stylesheets: Iterable[str] = (),
    **context,
) -> bytes:
    """Render a template that extends ``pdf/base.html`` to PDF bytes.

    Needs a Flask application context; resources are read from the app's static
    folder only. ``title`` and ``lang`` are passed to the template as well as set
    on the PDF. Raises ``ValueError`` for a ``page_size`` other than A4 or A5, an
    unknown ``pdf_variant`` or a malformed attachment.
    """
    page_size = context.setdefault("page_size", "A4")
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page_size must be one of {PAGE_SIZES}, not {page_size!r}")
    if current_app.static_folder is None:
        raise ValueError("the application has no static folder")
    stylesheets = tuple(stylesheets)
    html = render_template(
        template_name,
        title=title,
        lang=lang,
        css_preparsed=bool(stylesheets),
        **context,
    )
    return render_pdf_html(
        html,
        static_dir=current_app.static_folder,
        attachments=attachments,
        pdf_variant=pdf_variant,
        title=title,
        lang=lang,
        created=created,
        compact_fonts=compact_fonts,
        stylesheets=stylesheets,
    )


def image_data_uri(data: bytes, mime: str) -> str:
    """A ``data:`` URI for a logo or seal image, which documents then draw from
    data converted once per process (``kept_images``); raises ``ValueError``
    for another type."""
    if mime not in IMAGE_TYPES or not data:
        raise ValueError(f"not an image type allowed in documents: {mime!r}")
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    # A logo or seal recurs in every document: converted for PDF once.
    kept_images.keep(uri)
    return uri


def organisation_context(organisation) -> dict:
    """The base template's header variables, taken from an organisation profile.

    Reads ``name_zh``, ``name_en``, ``logo_image``/``logo_mime`` and
    ``seal_image``/``seal_mime``; an image of a type not allowed is left out.
    """
    context = {
        "org_name_zh": organisation.name_zh or "",
        "org_name_en": organisation.name_en or "",
    }
    for kind in ("logo", "seal"):
        data = getattr(organisation, f"{kind}_image", None)
        mime = getattr(organisation, f"{kind}_mime", None)
        context[f"{kind}_uri"] = (
            image_data_uri(data, mime) if data and mime in IMAGE_TYPES else None
        )
    return context
