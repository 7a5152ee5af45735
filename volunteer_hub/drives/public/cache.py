"""A drive's figures and public page, worked out once per change, kept by each worker.

Both are kept under the version they were worked out from: the drive's
``page_version``, which every write the page shows renews in its own transaction
(``versions.py``). The request reads the drive row before anything else, so a
kept value is used only while no write has committed since; figures summed
after that read can only be newer.

- ``kept_sums``: what ``item_progress`` adds up, per drive; read by the public
  page and the staff overview and list.
- ``kept_body``: the public page's body (figures, needs, donors, where goods
  went, the empty pledge form) per drive and language, under the drive's version
  and the organisation's time zone, currency and receipt rules. Its only
  per-visitor part, the pledge form's CSRF token, is cut out when the body is
  kept and the visitor's own token put in when it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import Lock

from flask import Flask, current_app, g
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.queries import Sums, item_sums

# Stands for the visitor's CSRF token in a kept body (never valid as a token).
CSRF_HOLE = "__csrf-token-of-this-visitor__"


class PageCache:
    """Values under their version; the least recently stored go first."""

    def __init__(self, size: int = 200):
        self.size = size
        self._entries: dict[Hashable, tuple[Hashable, object]] = {}
        self._lock = Lock()

    def get(self, key: Hashable, version: Hashable):
        entry = self._entries.get(key)
        return entry[1] if entry is not None and entry[0] == version else None

    def put(self, key: Hashable, version: Hashable, value) -> None:
        with self._lock:
            self._entries.pop(key, None)
            while len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = (version, value)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def init_app(app: Flask) -> None:
    size = app.config.get("DRIVE_PAGE_CACHE", 200)
    app.extensions["drive_pages"] = PageCache(size)
    app.extensions["drive_sums"] = PageCache(size)


def kept_sums(drive: Drive) -> Sums:
    """``item_sums(drive)`` as summed since the drive's last change.

    For pages only: a service checking a write needs the sums of its own
    transaction, which the version read before it does not cover."""
    cache: PageCache = current_app.extensions["drive_sums"]
    sums = cache.get(drive.id, drive.page_version)
    if sums is None:
        sums = item_sums(drive)
        cache.put(drive.id, drive.page_version, sums)
    return sums


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
