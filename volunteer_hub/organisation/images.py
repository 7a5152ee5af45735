"""Uploaded logo and seal images: checked with Pillow, the seal made print-ready.

``read_upload`` refuses, with a message for the person who uploaded it
(``DomainError`` on the field ``image``), anything that is not a PNG, JPEG, WebP
or GIF Pillow reads whole within the limits below: the dimensions are checked
from the file's header before any pixel is decoded, so a small file that claims
to be 30,000 pixels wide (a decompression bomb) costs nothing. What it returns
is decoded again from pixels only (no metadata, nothing hidden after the image
data), turned upright as the camera recorded, and at most ``KEPT_SIDE`` wide.

``print_ready_seal`` makes the version documents print. A seal is printed at
most 40 mm wide (32 mm on an A4 receipt, up to 38 mm on a certificate), which
``SEAL_PRINT_SIDE`` pixels cover at ~300 dpi. WeasyPrint decodes every image,
splits off its alpha channel and encodes both again for every document, so the
pixels it is given cost time and size on every receipt. A seal is one ink on
paper: when the picture, laid on white paper, can be drawn as one ink colour at
varying strength (within ``SAME_ON_PAPER``), it is stored that way: every pixel
the same colour, the strength in the alpha channel, in ``INK_LEVELS`` steps. The
colour plane then costs almost nothing in a PDF and the alpha plane little. A
picture that is not one ink (a coloured emblem) keeps its colours, reduced to a
palette of 256.
"""

from __future__ import annotations

import io
import os

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from volunteer_hub.errors import DomainError
from volunteer_hub.lazy import LazyModule

# Pillow is loaded with the first upload and NumPy when a seal is prepared, not
# when a web worker starts (tests/test_startup.py).
Image = LazyModule("PIL.Image")
ImageOps = LazyModule("PIL.ImageOps")
np = LazyModule("numpy")

ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "WEBP", "GIF"})
# Phones name a JPEG .jpg, .jpeg or .jfif, and some uploads have no extension:
# the content decides the format. Any other extension (.svg, .heic, .exe …) is
# refused before the file is opened.
IMAGE_EXTENSIONS = frozenset(
    {"", ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".gif"}
)
MAX_PIXELS = 25_000_000  # a 12-megapixel phone photo fits; decoded RGBA ≤ 100 MB
KEPT_SIDE = 2000
SEAL_PRINT_SIDE = 480
INK_LEVELS = 16
# How far (0 to 1 a channel) a seal redrawn in one ink may differ on white
# paper from the upload: at most this for 99 % of the inked pixels (a JPEG's
# own errors near the edges reach ~0.05) ...
SAME_ON_PAPER = 0.06
# ... and this on average (grey paper in a scan, read as pale ink, is ~0.06).
SAME_ON_AVERAGE = 0.02
UNREADABLE = _l(
    "This file is not an image we can read. Please choose a PNG, JPEG, WebP or "
    "GIF picture."
)


def refuse(message) -> DomainError:
    return DomainError(message, field="image")


def check_file_name(filename: str | None) -> None:
    """Refuse a file whose name ends in something other than an image's."""
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in IMAGE_EXTENSIONS:
        raise refuse(
            _l(
                "Files ending in %(extension)s cannot be used. Please choose a PNG, "
                "JPEG, WebP or GIF picture.",
                extension=extension,
            )
        )


def read_upload(data: bytes, *, max_bytes: int) -> Image.Image:
    """The uploaded picture as an RGB or RGBA image at most ``KEPT_SIDE`` wide.

    Raises DomainError (field ``image``) when ``data`` is empty, larger than
    ``max_bytes``, of another format, larger than ``MAX_PIXELS`` or unreadable.
    """
    if not data:
        raise refuse(_l("The file is empty. Please choose the picture again."))
    if len(data) > max_bytes:
        raise refuse(
            _l(
                "The image must be smaller than %(size)s MB.",
                size=format_decimal(max_bytes / 1024 / 1024, format="#,##0.#"),
            )
        )
    try:
        return _decode(data)
    except DomainError:
        raise
    except Image.DecompressionBombError:
        # Pillow refuses more than ~179 M pixels as it opens the file (and only
        # warns above ~89 M, which the check in _decode refuses in any case).
        raise _too_large() from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on a bad file
        raise refuse(UNREADABLE) from None


def _decode(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as probe:
        if probe.format not in ACCEPTED_FORMATS:
            raise refuse(UNREADABLE)
        width, height = probe.size
        if width * height > MAX_PIXELS:
            raise _too_large(width, height)
        probe.verify()
    with Image.open(io.BytesIO(data)) as image:
        # A JPEG is decoded at 1/2, 1/4 or 1/8 of its size when that is enough.
        image.draft(None, (KEPT_SIDE, KEPT_SIDE))
        image.load()
        upright = ImageOps.exif_transpose(image)
    # Converted first: Pillow resizes palette images without smoothing.
    picture = upright.convert("RGBA" if _has_transparency(upright) else "RGB")
    picture.thumbnail((KEPT_SIDE, KEPT_SIDE), Image.Resampling.LANCZOS)
    return picture


def _has_transparency(image: Image.Image) -> bool:
    if "transparency" in image.info:
        return True
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        return image.getchannel("A").getextrema()[0] < 255
    return False


def _too_large(width: int | None = None, height: int | None = None) -> DomainError:
    if width is None:
        return refuse(
            _l(
                "This picture is too large. Please choose one of at most 25 million "
                "pixels (for example 5,000 × 5,000)."
            )
        )
    return refuse(
        _l(
            "This picture is too large (%(width)s × %(height)s pixels). Please "
            "choose one of at most 25 million pixels (for example 5,000 × 5,000).",
            width=format_decimal(width),
            height=format_decimal(height),
        )
    )


def png_bytes(image: Image.Image, *, smallest: bool = True) -> bytes:
    """``image`` as PNG: the smallest file, or (``smallest=False``, for a large
    picture only kept) one written ~5× faster and ~15 % larger."""
    out = io.BytesIO()
    if smallest:
        image.save(out, format="PNG", optimize=True)
    else:
        image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def size_of(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        return image.size


def print_ready_seal(image: Image.Image) -> Image.Image:
    """``image`` (RGB or RGBA) at most ``SEAL_PRINT_SIDE`` wide, in one ink with
    its strength as alpha when that looks the same on white paper, otherwise
    with its colours reduced to a palette of 256 (alpha kept)."""
    small = image.copy()
    small.thumbnail((SEAL_PRINT_SIDE, SEAL_PRINT_SIDE), Image.Resampling.LANCZOS)
    return _one_ink(small) or _few_colours(small)


def _one_ink(image: Image.Image) -> Image.Image | None:
    """The seal as one ink colour and an alpha channel, or None when that would
    not look the same on white paper (or nothing is drawn)."""
    rgba = np.asarray(image.convert("RGBA"), dtype=np.float32) / 255
    # How far each pixel, laid on white paper, is from the paper's white.
    ink_on_paper = rgba[..., 3:] * (1 - rgba[..., :3])
    depth = ink_on_paper.sum(axis=-1)
    inked = depth > 0.05
    if inked.sum() < 16:
        return None
    # The ink's own colour where it lies thickest (the darkest tenth), at the
    # opacity it has there: a seal drawn half-transparent stays so, and still
    # lets through whatever a document prints under it.
    solid = inked & (depth >= np.percentile(depth[inked], 90))
    ink = ink_on_paper[solid].sum(axis=0) / rgba[..., 3][solid].sum()
    strength = np.clip(ink_on_paper @ ink / float(ink @ ink), 0, 1)
    error = np.abs(ink_on_paper - strength[..., None] * ink).max(axis=-1)
    error = error[inked]
    if np.percentile(error, 99) > SAME_ON_PAPER or error.mean() > SAME_ON_AVERAGE:
        return None
    steps = INK_LEVELS - 1
    alpha = np.round(np.round(strength * steps) * (255 / steps)).astype(np.uint8)
    pixels = np.empty(alpha.shape + (4,), dtype=np.uint8)
    pixels[..., :3] = np.round((1 - ink) * 255).astype(np.uint8)
    pixels[..., 3] = alpha
    return Image.fromarray(pixels, "RGBA")


def _few_colours(image: Image.Image) -> Image.Image:
    """``image`` with at most 256 colours, kept in its own mode: WeasyPrint
    would widen a palette image again, once more for every document."""
    if image.mode == "RGBA":
        # The colour under a fully transparent pixel is never seen.
        hidden = image.getchannel("A").point(lambda a: 255 if a == 0 else 0)
        image = image.copy()
        image.paste((0, 0, 0, 0), mask=hidden)
        palette = image.quantize(256, method=Image.Quantize.FASTOCTREE)
    else:
        palette = image.quantize(256)
    return palette.convert(image.mode)
