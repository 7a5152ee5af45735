"""The URL fetcher of PDF rendering: ``data:`` URIs and static files, nothing else.

The fetcher subclasses WeasyPrint's ``URLFetcher``, and importing WeasyPrint costs
a web worker about 30 MB and a quarter of a second, so the class is built the first
time it is asked for (``pdf.StaticOnlyFetcher`` or :func:`static_only_fetcher`),
not when this module is imported.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

logger = logging.getLogger(__name__)


class FetchRefused(ValueError):
    """A URL that PDF rendering is not allowed to read."""


def _response(url: str, body: bytes, media_type: str):
    from weasyprint.urls import URLFetcherResponse

    return URLFetcherResponse(url, body, {"Content-Type": media_type})


class StaticOnlyRules:
    """What the fetcher allows; mixed into WeasyPrint's ``URLFetcher`` by
    :func:`fetcher_class`."""

    def __init__(self, static_dir: str | Path):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.static_dir = Path(static_dir).resolve(strict=True)
        self.base_url = self.static_dir.as_uri() + "/"
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None):
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

    def _fetch_data(self, url: str):
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
        return _response(url, body, media_type)

    def _fetch_static(self, url: str):
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
        return _response(url, path.read_bytes(), media_type)


@functools.cache
def fetcher_class() -> type:
    """``StaticOnlyFetcher``: fetch ``data:`` URIs and files below ``static_dir``;
    refuse everything else.

    Refusing means raising :class:`FetchRefused` before any file is opened or any
    connection is made; WeasyPrint then logs a warning and leaves the resource
    out. ``refused`` lists the URLs turned away, for logging and for tests.
    Built once, on first use (this imports WeasyPrint).
    """
    from weasyprint.urls import URLFetcher

    return type(
        "StaticOnlyFetcher",
        (StaticOnlyRules, URLFetcher),
        {"__module__": __name__, "__doc__": fetcher_class.__doc__},
    )


def static_only_fetcher(static_dir: str | Path):
    """A new ``StaticOnlyFetcher`` for ``static_dir`` (see :func:`fetcher_class`)."""
    return fetcher_class()(static_dir)


def __getattr__(name: str):
    if name == "StaticOnlyFetcher":
        return fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
