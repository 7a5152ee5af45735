"""PDF rendering for receipts, reports and certificates.

This is the only module that imports WeasyPrint. Templates extend
``templates/pdf/base.html``. Every resource a document refers to goes through
:class:`StaticOnlyFetcher`, which serves ``data:`` URIs and files inside the
application's static folder and refuses every other URL without opening it, so a
URL typed by a user can never make the server read a file or reach the network.
"""

from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
import struct
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.pdf import VARIANTS
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

PAGE_SIZES = ("A4", "A5")
# Image types accepted for logos and seals; SVG is left out because an uploaded
# SVG can carry scripts and links that have no place in a document.
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
# The relationship PDF/A-3 records for an embedded file: the data the visible
# document was produced from (a receipt's canonical JSON).
ATTACHMENT_RELATIONSHIP = "Data"
LAYOUT_TABLES = (b"BASE", b"GDEF", b"GPOS", b"GSUB", b"JSTF", b"MATH")

_local = threading.local()


class FetchRefused(ValueError):
    """A URL that PDF rendering is not allowed to read."""


class StaticOnlyFetcher(URLFetcher):
    """Fetch ``data:`` URIs and files below ``static_dir``; refuse everything else.

    Refusing means raising :class:`FetchRefused` before any file is opened or any
    connection is made; WeasyPrint then logs a warning and leaves the resource
    out. ``refused`` lists the URLs turned away, for logging and for tests.
    """

    def __init__(self, static_dir: str | Path):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.static_dir = Path(static_dir).resolve(strict=True)
        self.base_url = self.static_dir.as_uri() + "/"
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            return self._fetch_data(url)
        if scheme == "file":
            return self._fetch_static(url)
        raise self._refuse(url, "only data: URIs and static files are allowed")

    def open(self, url, data=None, timeout=None):
        # URLFetcher is a urllib opener; make sure no caller can bypass fetch().
        return self.fetch(getattr(url, "full_url", url))

    def _refuse(self, url: str, reason: str) -> FetchRefused:
        self.refused.append(url)
        logger.warning("PDF rendering refused %.200s: %s", url, reason)
        return FetchRefused(f"{reason}: {url[:200]}")

    def _fetch_data(self, url: str) -> URLFetcherResponse:
        header, comma, payload = url[len("data:") :].partition(",")
        if not comma:
            raise self._refuse(url, "malformed data: URI")
        params = [part.strip() for part in header.split(";")]
        is_base64 = params[-1].lower() == "base64"
        if is_base64:
            params.pop()
        media_type = ";".join(params) if params[0] else "text/plain;charset=US-ASCII"
        body = unquote_to_bytes(payload)
        if is_base64:
            try:
                body = base64.b64decode(b"".join(body.split()), validate=True)
            except binascii.Error as error:
                raise self._refuse(url, "bad base64 in data: URI") from error
        return URLFetcherResponse(url, body, {"Content-Type": media_type})

    def _fetch_static(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            raise self._refuse(url, "not a local absolute file: URL")
        try:
            # resolve() follows symlinks, so a link pointing out of static/ fails
            # the containment check below.
            path = Path(url2pathname(parts.path)).resolve(strict=True)
        except (OSError, ValueError) as error:
            raise self._refuse(url, "no such static file") from error
        if not path.is_relative_to(self.static_dir) or not path.is_file():
            raise self._refuse(url, "outside the static folder")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type})


def _font_config() -> FontConfiguration:
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
                url_fetcher=StaticOnlyFetcher(static_dir),
                font_config=_font_config(),
            )
        parsed.append(sheet)
    return parsed


def _w3c_date(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def _attachments(items: Iterable[tuple[str, bytes, str]], moment: datetime) -> list:
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


class _CompactCFF:
    """Smaller CJK fonts: subset CID-keyed CFF fonts without keeping glyph ids.

    WeasyPrint keeps every glyph id below the highest one used, so a subset of
    Noto Sans CJK still carries ~60,000 empty glyphs (about 140 KB per weight).
    A CID-keyed CFF font does not need that: its charset maps each glyph to its
    CID, which HarfBuzz preserves, so the font is subset to the used glyphs only
    and embedded as bare CFF (``/CIDFontType0C``), where readers look CIDs up in
    the charset. The layout tables are dropped too: the PDF holds glyphs already
    shaped, and keeping GSUB would also keep every glyph its substitutions can
    reach (vertical, regional and width forms: over half the glyphs of a receipt).
    Only fonts subset here are converted; others are untouched.
    """

    def __init__(self):
        self.converted: set[bytes] = set()

    @staticmethod
    def cff_table(sfnt: bytes) -> bytes | None:
        if sfnt[:4] != b"OTTO":
            return None
        (count,) = struct.unpack(">H", sfnt[4:6])
        for n in range(count):
            tag, _sum, offset, length = struct.unpack(
                ">4sIII", sfnt[12 + 16 * n : 28 + 16 * n]
            )
            if tag == b"CFF ":
                return sfnt[offset : offset + length]
        return None

    def subset(self, font, to_unicode, hinting) -> bool:
        from weasyprint.pdf.fonts import get_hb_object_data
        from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

        if not (
            harfbuzz_subset
            and to_unicode
            and font.file_content[:4] in (b"OTTO", b"ttcf")
        ):
            return False
        plan = ffi.gc(
            harfbuzz_subset.hb_subset_input_create_or_fail(),
            harfbuzz_subset.hb_subset_input_destroy,
        )
        glyphs = harfbuzz_subset.hb_subset_input_glyph_set(plan)
        wanted = sorted(to_unicode)
        harfbuzz.hb_set_add_sorted_array(
            glyphs, ffi.new(f"hb_codepoint_t[{len(wanted)}]", wanted), len(wanted)
        )
        flags = harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
        if not hinting:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
        if font.missing:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        harfbuzz_subset.hb_subset_input_set_flags(plan, flags)
        # The PDF carries positioned glyphs, not text to shape again: no layout
        # tables, and no glyphs that only their substitutions could reach.
        tags = sorted(int.from_bytes(tag, "big") for tag in LAYOUT_TABLES)
        harfbuzz.hb_set_add_sorted_array(
            harfbuzz_subset.hb_subset_input_set(
                plan, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG
            ),
            ffi.new(f"hb_codepoint_t[{len(tags)}]", tags),
            len(tags),
        )
        face = ffi.gc(
            harfbuzz_subset.hb_subset_or_fail(font.hb_face, plan),
            harfbuzz.hb_face_destroy,
        )
        data = get_hb_object_data(face) if face else None
        table = self.cff_table(data) if data else None
        if table is None or not _is_cid_keyed(table):
            return False
        font.file_content = data
        self.converted.add(data)
        return True

    def finish(self, pdf) -> None:
        for obj in pdf.objects:
            extra = getattr(obj, "extra", None)
            if not extra or extra.get("Subtype") != "/OpenType":
                continue
            data = b"".join(obj.stream)
            if data in self.converted:
                obj.stream = [self.cff_table(data)]
                extra["Subtype"] = "/CIDFontType0C"


def _is_cid_keyed(cff: bytes) -> bool:
    """Whether a CFF font program is CID-keyed (its Top DICT opens with ROS)."""
    try:
        pos = cff[2]  # header size
        for _index in range(2):  # the Name INDEX, then the Top DICT INDEX
            count = int.from_bytes(cff[pos : pos + 2], "big")
            size = cff[pos + 2]
            offsets = pos + 3
            data = offsets + (count + 1) * size - 1
            if _index == 1:
                end = int.from_bytes(cff[offsets + size : offsets + 2 * size], "big")
                return b"\x0c\x1e" in cff[data + 1 : data + min(end, 24)]
            last = int.from_bytes(
                cff[offsets + count * size : offsets + (count + 1) * size], "big"
            )
            pos = data + last
    except IndexError:
        return False
    return False


def _install_compact_subset() -> None:
    from weasyprint.pdf.fonts import Font

    if getattr(Font, "_vh_compact", False):
        return
    original = Font.subset

    def subset(self, to_unicode, hinting):
        compact = getattr(_local, "compact", None)
        if compact is None or not compact.subset(self, to_unicode, hinting):
            original(self, to_unicode, hinting)

    Font.subset = subset
    Font._vh_compact = True


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
    CFF with only the used glyphs (see :class:`_CompactCFF`): a one-page Chinese
    document shrinks from ~215 KB to ~15–35 KB. ``stylesheets`` are static CSS
    files applied as parsed once per thread (the HTML then should not link
    them). Raises ``ValueError`` for an unknown ``pdf_variant`` or a malformed
    attachment.
    """
    if pdf_variant is not None and pdf_variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {pdf_variant!r}")
    moment = created or datetime.now(UTC)
    fetcher = StaticOnlyFetcher(static_dir)
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
    compact = _CompactCFF() if compact_fonts else None
    if compact is not None:
        _install_compact_subset()

    def finisher(doc, pdf):
        _dedupe_associated_files(doc, pdf)
        if compact is not None:
            compact.finish(pdf)

    _local.compact = compact
    try:
        return document.write_pdf(finisher=finisher, **options)
    finally:
        _local.compact = None


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
    from flask import current_app, render_template

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
    """A ``data:`` URI for a logo or seal image; raises ``ValueError`` otherwise."""
    if mime not in IMAGE_TYPES or not data:
        raise ValueError(f"not an image type allowed in documents: {mime!r}")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


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
