"""The organisation's seal and logo, prepared for PDF once per process.

WeasyPrint turns every raster image into PDF image data again for every
document: it decodes the PNG, splits off the alpha channel and encodes both
planes again (``RasterImage.get_x_object``). A receipt batch draws the same
seal on a thousand receipts, so that work (about a fifth of a receipt's time
with a 480-px seal) is done here once and its bytes reused. Only images made
by :func:`volunteer_hub.pdf.image_data_uri` (the organisation's images) are
kept; a QR code, new on every receipt, goes through WeasyPrint as before.

Kept is the output of WeasyPrint's own conversion, byte for byte, under the
image's id (WeasyPrint's hash of its ``data:`` URI, so of its content) and the
conversion's options. ``tests/test_pdf.py`` pins the hook to WeasyPrint's
``RasterImage``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

# Organisation images seen (by WeasyPrint's image id) and their converted
# data; a handful per process: an organisation has one seal and one logo,
# and an old one drops out when a new one is uploaded.
MAX_KEPT = 8
_ids: OrderedDict[str, None] = OrderedDict()
_converted: OrderedDict[tuple, tuple] = OrderedDict()
_lock = threading.Lock()


def keep(uri: str) -> None:
    """Mark the image at ``uri`` (a ``data:`` URI) as one to convert once."""
    # WeasyPrint names a raster image by the MD5 of its URL.
    image_id = hashlib.md5(uri.encode(), usedforsecurity=False).hexdigest()
    with _lock:
        _ids[image_id] = None
        _ids.move_to_end(image_id)
        while len(_ids) > MAX_KEPT:
            _ids.popitem(last=False)


def _frozen(stream) -> tuple:
    """A converted image stream as plain data: its dictionary and bytes."""
    extra = {k: v for k, v in stream.extra.items() if k != "SMask"}
    data = b"\n".join(
        part if isinstance(part, bytes) else part.data for part in stream.stream
    )
    mask = stream.extra.get("SMask")
    return extra, data, _frozen(mask) if mask is not None else None


def _thawed(frozen: tuple):
    """A new stream object from :func:`_frozen`'s data, for one document."""
    import pydyf

    extra, data, mask = frozen
    stream = pydyf.Stream([data], pydyf.Dictionary(extra))
    if mask is not None:
        stream.extra["SMask"] = _thawed(mask)
    return stream


def install() -> None:
    """Hook into WeasyPrint's ``RasterImage.get_x_object`` (once)."""
    from weasyprint.images import RasterImage

    if getattr(RasterImage, "_vh_kept", False):
        return
    convert = RasterImage.get_x_object

    def get_x_object(self, interpolate, dpi_ratio):
        if self.id not in _ids:
            return convert(self, interpolate, dpi_ratio)
        key = (self.id, interpolate, dpi_ratio, self.optimize, self._jpeg_quality)
        frozen = _converted.get(key)
        if frozen is None:
            frozen = _frozen(convert(self, interpolate, dpi_ratio))
            with _lock:
                _converted[key] = frozen
                while len(_converted) > MAX_KEPT:
                    _converted.popitem(last=False)
        return _thawed(frozen)

    RasterImage.get_x_object = get_x_object
    RasterImage._vh_kept = True
