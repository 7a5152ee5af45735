"""QR codes for receipt verification links and personal links.

``qr_svg`` gives inline SVG for HTML pages (it also stays vector inside PDFs);
``qr_png_data_uri`` gives a PNG ``data:`` URI for places that need an image URL.
"""

from __future__ import annotations

import base64
import io

from markupsafe import Markup

from volunteer_hub.lazy import LazyModule

# Loaded on the first code drawn (qrcode's SVG images bring lxml; the fast mask
# choice subclasses qrcode's encoder).
qrcode = LazyModule("qrcode")
qrcode_svg = LazyModule("qrcode.image.svg")
qr_masks = LazyModule("volunteer_hub.qr_masks")

MAX_DATA_LENGTH = 1000
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def _make_qr(data: str, box_size: int = 10) -> qrcode.QRCode:
    if not isinstance(data, str) or not data:
        raise ValueError("QR code data must be a non-empty string")
    if len(data) > MAX_DATA_LENGTH:
        raise ValueError(f"QR code data longer than {MAX_DATA_LENGTH} characters")
    code = qr_masks.FastMaskQRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4
    )
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_svg(
    data: str, *, aria_label: str | None = None, css_class: str = "qr"
) -> Markup:
    """An inline ``<svg role="img">`` QR code of ``data`` (error correction M).

    ``aria_label`` is what screen readers announce; it defaults to a translated
    "QR code". The SVG has no width or height, so CSS sizes it (the class ``qr``
    does in the PDF style sheet). Raises ``ValueError`` for empty data or data
    longer than 1,000 characters.
    """
    code = _make_qr(data)
    image = code.make_image(image_factory=qrcode_svg.SvgPathImage)
    # make_image() has drawn every dark module into one path; with the default
    # box size of 10 one module is one user unit.
    size = image.units(image.pixel_size, text=False)
    if aria_label is None:
        from flask_babel import gettext

        aria_label = gettext("QR code")
    return Markup(
        '<svg xmlns="{ns}" viewBox="0 0 {size} {size}" class="{css_class}" '
        'role="img" aria-label="{label}" shape-rendering="crispEdges">'
        '<rect width="{size}" height="{size}" fill="#fff"/>'
        '<path d="{path}" fill="#000"/></svg>'
    ).format(
        ns=SVG_NAMESPACE,
        size=size,
        css_class=css_class,
        label=aria_label,
        path=image.path.get("d"),
    )


def qr_png_data_uri(data: str, *, box_size: int = 8) -> str:
    """A ``data:image/png;base64,…`` QR code of ``data`` (error correction M).

    Each module is ``box_size`` pixels with a four-module quiet zone, in an
    8-bit grey PNG (PDF writers embed grey as it is; a 1-bit image would be
    widened to RGB). Show it with ``image-rendering: pixelated`` so it stays
    sharp when scaled: ``box_size=1`` is then enough. Raises ``ValueError``
    like :func:`qr_svg`.
    """
    from PIL import Image

    matrix = _make_qr(data).get_matrix()
    size = len(matrix)
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = Image.frombytes("L", (size, size), pixels)
    if box_size != 1:
        image = image.resize((size * box_size,) * 2, Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
