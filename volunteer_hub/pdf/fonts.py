"""Compact CJK fonts: a HarfBuzz subsetter for CID-keyed CFF fonts, hooked into
WeasyPrint's ``Font.subset``.

This leans on WeasyPrint internals (``weasyprint.pdf.fonts.Font.subset`` and its
attributes, ``get_hb_object_data``, the HarfBuzz FFI): ``tests/test_pdf_fonts.py``
pins them, so a WeasyPrint upgrade that changes them fails there first.
WeasyPrint is imported when the first font is subset, not with this module.
"""

from __future__ import annotations

import functools
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

LAYOUT_TABLES = (b"BASE", b"GDEF", b"GPOS", b"GSUB", b"JSTF", b"MATH")

_local = threading.local()
MAX_FACE_FILES = 8
# Whole font files read out of HarfBuzz, by (address, length) of their blob.
_face_files: dict[tuple[int, int], tuple[object, bytes]] = {}
_face_files_lock = threading.Lock()


class CompactCFF:
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
        """Subset ``font`` here; False leaves it to WeasyPrint's own subsetter."""
        from weasyprint.pdf.fonts import get_hb_object_data
        from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

        if not (
            harfbuzz_subset
            and to_unicode
            and font.file_content[:4] in (b"OTTO", b"ttcf")
        ):
            return False
        source = _cff_only_face(font.hb_face)
        if source is None:
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
            harfbuzz_subset.hb_subset_or_fail(source, plan),
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


# The tables a CFF subset needs: outlines, units per em, glyph count.
CFF_ONLY_TABLES = (b"CFF ", b"head", b"maxp")
# Faces made of CFF_ONLY_TABLES, by the address of the face they come from.
_cff_faces: dict[int, tuple[object, object]] = {}


@functools.cache
def _face_builder():
    """HarfBuzz's face builder through an FFI of our own (WeasyPrint's does not
    declare it), or None where the library cannot be opened."""
    import cffi

    ffi = cffi.FFI()
    ffi.cdef(
        "typedef struct hb_blob_t hb_blob_t; typedef struct hb_face_t hb_face_t;"
        "hb_face_t *hb_face_builder_create (void);"
        "int hb_face_builder_add_table (hb_face_t *face, uint32_t tag,"
        " hb_blob_t *blob);"
    )
    for name in ("libharfbuzz.so.0", "harfbuzz", "libharfbuzz-0", "libharfbuzz.0"):
        try:
            return ffi, ffi.dlopen(name)
        except OSError:
            continue
    return None


def _cff_only_face(hb_face):
    """A face holding only ``hb_face``'s CFF_ONLY_TABLES (sharing their bytes),
    made once per face; None when it has no CFF table.

    Subsetting reads every table of its source: from the whole Noto Sans CJK
    face (with its large layout tables) a receipt's subset takes ~5 ms, from
    these three ~1 ms, and holds the same outlines for the glyphs asked for
    (the whole face also added glyphs its cmap reaches, which nothing draws).
    """
    from weasyprint.text.ffi import ffi, harfbuzz

    key = _address(ffi, hb_face)
    found = _cff_faces.get(key)
    if found is not None:
        return found[1]
    cff = harfbuzz.hb_face_reference_table(hb_face, _tag(b"CFF "))
    has_cff = harfbuzz.hb_blob_get_length(cff) > 0
    harfbuzz.hb_blob_destroy(cff)
    if not has_cff:
        return None
    builder = _face_builder()
    if builder is None or len(_cff_faces) >= MAX_FACE_FILES:
        return hb_face
    with _face_files_lock:
        found = _cff_faces.get(key)
        if found is None:
            found = _cff_faces[key] = _build_cff_face(hb_face, *builder)
    return found[1]


def _build_cff_face(hb_face, own_ffi, own) -> tuple[object, object]:
    from weasyprint.text.ffi import ffi, harfbuzz

    face = own.hb_face_builder_create()
    for name in CFF_ONLY_TABLES:
        blob = harfbuzz.hb_face_reference_table(hb_face, _tag(name))
        own.hb_face_builder_add_table(
            face, _tag(name), own_ffi.cast("hb_blob_t *", _address(ffi, blob))
        )
        harfbuzz.hb_blob_destroy(blob)
    # Kept referenced, so the source's address is never another face's.
    source = harfbuzz.hb_face_reference(hb_face)
    return source, ffi.cast("hb_face_t *", _address(own_ffi, face))


def _tag(name: bytes) -> int:
    return int.from_bytes(name, "big")


def _address(ffi, pointer) -> int:
    return int(ffi.cast("uintptr_t", pointer))


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


def _face_file(hb_face) -> bytes | None:
    """The whole font file behind ``hb_face``, copied once per process.

    WeasyPrint's ``Font`` copies its face's whole file into Python bytes for
    every document: Noto Sans CJK's collection is 19.5 MB, about 2 ms a copy and
    two copies a receipt, though the compact subsetter reads the face itself.
    The blob is kept referenced, so its address is never reused for another
    file while the copy is cached; a process holds one copy per font file used,
    for at most ``MAX_FACE_FILES`` files (past that, each read copies again).
    """
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_blob(hb_face)
    length = ffi.new("unsigned int *")
    data = harfbuzz.hb_blob_get_data(blob, length)
    if data == ffi.NULL:
        harfbuzz.hb_blob_destroy(blob)
        return None
    key = (int(ffi.cast("uintptr_t", data)), int(length[0]))
    with _face_files_lock:
        found = _face_files.get(key)
        if found is None and len(_face_files) < MAX_FACE_FILES:
            found = _face_files[key] = (blob, ffi.unpack(data, key[1]))
            return found[1]
    content = found[1] if found else ffi.unpack(data, key[1])
    harfbuzz.hb_blob_destroy(blob)
    return content


def _install_face_file_cache(fonts_module) -> None:
    """Serve ``Font.__init__``'s read of the whole font file from
    :func:`_face_file`; every other read (subset output, colour glyphs) is
    left as it was."""
    read, init = fonts_module.get_hb_object_data, fonts_module.Font.__init__

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        if ot_color is None and getattr(_local, "new_font", False):
            return _face_file(hb_object)
        return read(hb_object, ot_color, glyph)

    def __init__(self, *args, **kwargs):
        _local.new_font = True
        try:
            init(self, *args, **kwargs)
        finally:
            _local.new_font = False

    fonts_module.get_hb_object_data = get_hb_object_data
    fonts_module.Font.__init__ = __init__


def _install_compact_subset() -> None:
    """Route ``Font.subset`` through the current thread's :class:`CompactCFF`,
    and read each font file out of HarfBuzz once per process."""
    from weasyprint.pdf import fonts as fonts_module
    from weasyprint.pdf.fonts import Font

    if getattr(Font, "_vh_compact", False):
        return
    _install_face_file_cache(fonts_module)
    original = Font.subset

    def subset(self, to_unicode, hinting):
        compact = getattr(_local, "compact", None)
        if compact is None or not compact.subset(self, to_unicode, hinting):
            original(self, to_unicode, hinting)

    Font.subset = subset
    Font._vh_compact = True


@contextmanager
def compact_fonts(enabled: bool = True) -> Iterator[CompactCFF | None]:
    """While the block runs, fonts this thread subsets go through a new
    :class:`CompactCFF` (yielded; call its ``finish`` on the written PDF), or
    through WeasyPrint alone when ``enabled`` is false (yields None)."""
    compact = CompactCFF() if enabled else None
    if compact is not None:
        _install_compact_subset()
    _local.compact = compact
    try:
        yield compact
    finally:
        _local.compact = None
