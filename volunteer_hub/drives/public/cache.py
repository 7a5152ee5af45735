"""The public drive page's body, rendered once per change and kept by each worker.

The body (figures, needs, donors, where goods went, the empty pledge form) is
kept per drive and language under the version it was rendered from: the drive's
``page_version`` (new with every write the page shows, see ``versions.py``) and
the organisation profile's ``updated_at`` (time zone, currency). The request
reads the drive row before anything else, so a kept body is used only while no
write has committed since; figures summed after that read can only be newer.

The only per-visitor part of the body is the pledge form's CSRF token: it is
cut out when a body is kept and the visitor's own token put in when it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import Lock

from flask import Flask, current_app, g
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

# Stands for the visitor's CSRF token in a kept body (never valid as a token).
CSRF_HOLE = "__csrf-token-of-this-visitor__"


class PageCache:
    """Rendered bodies under their version; the least recently stored go first."""

    def __init__(self, size: int = 200):
        self.size = size
        self._entries: dict[Hashable, tuple[Hashable, str]] = {}
        self._lock = Lock()

    def get(self, key: Hashable, version: Hashable) -> str | None:
        entry = self._entries.get(key)
        return entry[1] if entry is not None and entry[0] == version else None

    def put(self, key: Hashable, version: Hashable, body: str) -> None:
        with self._lock:
            self._entries.pop(key, None)
            while len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = (version, body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def init_app(app: Flask) -> None:
    app.extensions["drive_pages"] = PageCache(app.config.get("DRIVE_PAGE_CACHE", 200))


def kept_body(key: Hashable, version: Hashable, render: Callable[[], str]) -> Markup:
    """The body kept under ``key`` at ``version``, else ``render()`` kept."""
    cache: PageCache = current_app.extensions["drive_pages"]
    body = cache.get(key, version)
    if body is None:
        body = render()
        cache.put(key, version, _cut_csrf(body))
        return Markup(body)
    return Markup(_fill_csrf(body))


def _cut_csrf(body: str) -> str:
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    return body.replace(token, CSRF_HOLE) if token else body


def _fill_csrf(body: str) -> str:
    return body.replace(CSRF_HOLE, generate_csrf()) if CSRF_HOLE in body else body
