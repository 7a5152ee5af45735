"""What ``volunteer_hub/pdf/fonts.py`` relies on inside WeasyPrint.

The compact CJK fonts replace WeasyPrint's private ``Font.subset`` and read
attributes of its ``Font`` objects and of the PDF objects it writes. None of this
is public API, so these tests pin it: a WeasyPrint upgrade that changes any of
it fails here, by name, instead of silently embedding 200 KB fonts or broken
ones. On a deliberate upgrade: re-read ``weasyprint/pdf/fonts.py``, adjust
``fonts.py``, then the version below.
"""

import inspect
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfReader
from weasyprint.pdf import fonts as weasy_fonts
from weasyprint.text import ffi as weasy_ffi

from volunteer_hub.pdf import render_pdf_html

REPO = Path(__file__).resolve().parents[1]
PINNED = "70.0"
HTML = '<html lang="zh-Hans"><body><p>捐赠收据 焱燚</p></body></html>'


def test_the_weasyprint_version_is_the_one_pinned():
    requirements = (REPO / "requirements.txt").read_text()
    assert re.search(r"^weasyprint==(\S+)$", requirements, re.M)[1] == PINNED
    assert weasyprint.__version__ == PINNED


def test_font_subset_exists_with_the_signature_overridden():
    assert list(inspect.signature(weasy_fonts.Font.subset).parameters) == [
        "self",
        "to_unicode",
        "hinting",
    ]
    # WeasyPrint calls it from Font.clean, which is what the override intercepts.
    assert "self.subset(to_unicode, hinting)" in inspect.getsource(
        weasy_fonts.Font.clean
    )
    first = next(iter(inspect.signature(weasy_fonts.get_hb_object_data).parameters))
    assert first == "hb_object"


def test_the_harfbuzz_subset_functions_used_are_there():
    subset = weasy_ffi.harfbuzz_subset
    assert subset is not None, "libharfbuzz-subset0 is not installed"
    for name in (
        "hb_subset_input_create_or_fail",
        "hb_subset_input_destroy",
        "hb_subset_input_glyph_set",
        "hb_subset_input_set_flags",
        "hb_subset_input_set",
        "hb_subset_or_fail",
        "HB_SUBSET_FLAGS_DESUBROUTINIZE",
        "HB_SUBSET_FLAGS_NO_HINTING",
        "HB_SUBSET_FLAGS_NOTDEF_OUTLINE",
        "HB_SUBSET_SETS_DROP_TABLE_TAG",
    ):
        assert hasattr(subset, name), name
    for name in ("hb_set_add_sorted_array", "hb_face_destroy"):
        assert hasattr(weasy_ffi.harfbuzz, name), name


@pytest.fixture
def static_dir(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    return static


def test_what_weasyprint_subset_gets_and_returns(static_dir, monkeypatch):
    """Without compact fonts: the Font attributes the override reads, and the
    original returns None (the override ignores its result), leaving an
    OpenType program in ``file_content``."""
    seen = []
    current = weasy_fonts.Font.subset

    def recording(font, to_unicode, hinting):
        result = current(font, to_unicode, hinting)
        seen.append((result, font.file_content[:4], font.hb_face, font.missing))
        return result

    monkeypatch.setattr(weasy_fonts.Font, "subset", recording)
    render_pdf_html(HTML, static_dir=static_dir, compact_fonts=False)
    assert seen
    for result, magic, face, missing in seen:
        assert result is None and magic in (b"OTTO", b"\x00\x01\x00\x00")
        assert face is not None and isinstance(missing, dict)


def test_the_pdf_font_objects_the_finisher_rewrites(static_dir):
    """WeasyPrint embeds an OpenType font as a stream whose ``extra`` says
    /OpenType; compact fonts turn the CJK one into bare CFF (/CIDFontType0C)."""
    plain = program_subtypes(
        render_pdf_html(HTML, static_dir=static_dir, compact_fonts=False)
    )
    compact = program_subtypes(render_pdf_html(HTML, static_dir=static_dir))
    assert "/OpenType" in plain.values()
    assert "/CIDFontType0C" in compact.values()


def program_subtypes(data: bytes) -> dict:
    """{base font name: subtype of its embedded program} on the first page."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    found = {}
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"]
        if "/FontFile3" in descriptor:
            stream = descriptor["/FontFile3"].get_object()
            found[font["/BaseFont"]] = stream.get("/Subtype")
    return found


def test_weasyprint_reads_the_whole_font_file_where_the_cache_serves_it():
    """``fonts._install_face_file_cache`` serves the read in ``Font.__init__``
    through the module's ``get_hb_object_data``; the subset's own read must
    stay uncached (its face is new every time)."""
    # The module's text: once installed, the methods are the overrides.
    source = Path(weasy_fonts.__file__).read_text()
    init = source[source.index("def __init__") : source.index("def get_unused_glyph")]
    assert "self.file_content = get_hb_object_data(self.hb_face)" in init
    assert "file_content = get_hb_object_data(hb_face)" in source
    assert "from ..text.fonts import get_hb_object_data" in source


def test_each_font_file_is_read_once_per_process(static_dir):
    from volunteer_hub.pdf import fonts

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    first = render_pdf_html(HTML, static_dir=static_dir, created=moment)
    cached = dict(fonts._face_files)
    again = render_pdf_html(HTML, static_dir=static_dir, created=moment)
    assert cached and fonts._face_files == cached
    assert again == first
    assert "/CIDFontType0C" in program_subtypes(again).values()


def test_cjk_subsets_come_from_a_face_of_three_tables(static_dir):
    """The compact subsetter reads a face of the CFF, head and maxp tables
    only; the PDF still draws every character with its own outline and embeds
    no glyph beyond those drawn (and .notdef)."""
    from fontTools.cffLib import CFFFontSet

    from tests.fixtures.pdf import drawn_glyphs
    from volunteer_hub.pdf import fonts

    assert fonts._face_builder() is not None, "HarfBuzz's face builder is missing"
    data = render_pdf_html(HTML, static_dir=static_dir)
    assert fonts._cff_faces
    drawn = drawn_glyphs(data)
    for char in "捐赠收据焱燚":
        assert drawn[char] and all(outline for _f, _g, outline in drawn[char])
    glyphs = {glyph for found in drawn.values() for _f, glyph, _o in found}
    page = PdfReader(io.BytesIO(data)).pages[0]
    for font in page["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        stream = descendant["/FontDescriptor"]["/FontFile3"].get_object()
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(stream.get_data()), None)
        assert len(cff[cff.fontNames[0]].charset) <= len(glyphs) + 1
