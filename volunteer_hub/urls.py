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
    home = url_for("main.index")
    # A control character (CR, LF, NUL …) cannot go into a Location header.
    if not target or len(target) > 500 or not target.isprintable():
        return home
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return home
    try:
        parts = urlsplit(target)
    except ValueError:  # e.g. an unbalanced "[" where a host would be
        return home
    return home if parts.scheme or parts.netloc else target
