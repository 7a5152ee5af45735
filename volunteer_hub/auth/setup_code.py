"""The one-time set-up code that guards the first-run page.

Until the organisation exists, whoever opens ``/setup`` first becomes admin. So
unless the visitor is plainly on the server itself, the page asks for a code the
server prints in its log when it starts (only someone who can read the log, the
person installing, knows it). "Plainly on the server itself" means all three:
the application listens on a loopback address only (``LISTEN_HOST``, taken from
the ``HOST`` environment variable that ``make run`` sets), the request comes from
a loopback address, and it carries no proxy header. Behind a reverse proxy, or
under gunicorn (which says nothing of its bind), the code is always asked for.

Each process that starts before set-up adds a code; any of them works. Only
their hashes are kept, in ``instance/setup_codes``, which set-up deletes.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
from pathlib import Path

from flask import Flask, current_app, request
from sqlalchemy.exc import SQLAlchemyError

from volunteer_hub.organisation.services import organisation_exists

# No 0/O, 1/I/L: it is read from a terminal and typed on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP")


def _path() -> Path:
    return Path(current_app.instance_path) / "setup_codes"


def _hash(code: str) -> str:
    cleaned = "".join(c for c in code.upper() if c.isalnum())
    return hashlib.sha256(cleaned.encode()).hexdigest()


def _loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").strip("[]")).is_loopback
    except ValueError:
        return address in LOOPBACK_NAMES


def code_required() -> bool:
    """True unless this request plainly comes from the server's own machine."""
    listen = current_app.config.get("LISTEN_HOST")
    local = (
        bool(listen)
        and _loopback(listen)
        and _loopback(request.remote_addr)
        and not any(request.headers.get(name) for name in PROXY_HEADERS)
    )
    return not local


def new_code() -> str:
    """Make a code, keep its hash and write it to the log; returns it."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    code = "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a") as handle:
        handle.write(_hash(code) + "\n")
    current_app.logger.warning(
        "Volunteer Hub is not set up yet. Set-up code for the first-run page: %s",
        code,
    )
    return code


def ensure_code() -> None:
    """Make a code when none is kept (the page asks for one)."""
    if not _path().exists():
        new_code()


def check(code: str | None) -> bool:
    """True when ``code`` is one of the kept codes (compared in constant time)."""
    try:
        kept = _path().read_text().split()
    except OSError:
        return False
    wanted = _hash(code or "")
    found = False
    for stored in kept:
        found |= hmac.compare_digest(stored, wanted)
    return found and bool(code)


def forget() -> None:
    """Set-up is done: no code works any more."""
    _path().unlink(missing_ok=True)


def announce(app: Flask) -> None:
    """At start: print a code while the organisation does not exist yet."""
    with app.app_context():
        try:
            needed = not organisation_exists()
        except SQLAlchemyError:  # no tables yet (before the first migration)
            return
        if needed:
            new_code()
