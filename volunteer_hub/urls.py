"""Building links that leave the site (mail, QR codes) and checking ``next=``.

Such links are based on one public address: ``PUBLIC_BASE_URL`` when set, else
the address recorded on the set-up page. Never on the request's Host header,
which anyone can set (a mailed link to ``http://evil.example/v/<secret>``).
"""

from __future__ import annotations

import ipaddress
import logging
from functools import cache
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for

from volunteer_hub.organisation.services import organisation_profile

logger = logging.getLogger(__name__)
FALLBACK_BASE = "http://localhost"


def public_base_url() -> str:
    """The site's public address without a trailing slash."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        org = organisation_profile()
        base = org.public_url if org is not None else ""
    if not base:
        _warn_once()
        base = FALLBACK_BASE
    return base.rstrip("/")


@cache
def _warn_once() -> None:
    """Say it once per process, not on every page that builds a link."""
    logger.warning("no public address is set; links say %s", FALLBACK_BASE)


def external_url(endpoint: str, **values) -> str:
    """An absolute URL on the public address (see the module docstring).

    Works outside a request too (a job, a command, a signal receiver): only the
    path comes from the URL map, so no SERVER_NAME is needed.
    """
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        root = current_app.config.get("APPLICATION_ROOT") or "/"
        path = current_app.url_map.bind("", script_name=root).build(endpoint, values)
    return public_base_url() + path


def is_local_address(url: str | None) -> bool:
    """Whether ``url`` names a host only this machine or its local network reaches."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith((".local", ".localhost", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


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
