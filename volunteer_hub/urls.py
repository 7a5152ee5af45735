"""Building links that leave the site (mail, QR codes) and checking ``next=``."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, url_for


def external_url(endpoint: str, **values) -> str:
    """An absolute URL, based on PUBLIC_BASE_URL when set, else on the request."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def safe_next_url(target: str | None) -> str:
    """``target`` if it is a path on this site, otherwise the home page."""
    if not target or len(target) > 500:
        return url_for("main.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or "\\" in target:
        return url_for("main.index")
    if target.startswith("//"):
        return url_for("main.index")
    return target
