"""Configuration layers: these defaults, then ``instance/config.py``, then environment.

Nothing here is read at import time by the rest of the application; ``create_app``
calls :func:`load_config` once.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class Defaults:
    """Settings that suit a single-machine installation on SQLite."""

    ENV_NAME = "production"
    SQLALCHEMY_DATABASE_URI: str | None = None  # filled from the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 5000

    # Requests larger than this get the 413 page. It leaves room for the largest
    # file a page accepts (a 5 MB receipt PDF to verify); views check their own
    # smaller limits, and form fields other than files stay under 1 MB.
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    # "Stay logged in" on a phone shared at a drop-off point: a month, not a year.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = 12 * 3600

    WTF_CSRF_TIME_LIMIT = 8 * 3600

    BABEL_DEFAULT_LOCALE = "zh_Hans"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh_Hans", "en")

    # Rate limits live in process memory unless a shared store is configured;
    # with several application servers point this at Redis.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    RATELIMIT_STRATEGY = "moving-window"
    LOGIN_RATE_LIMIT = "10 per minute; 50 per hour"

    # Outbox: without MAIL_SERVER messages are only stored for staff to read.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 587
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_USE_TLS = True
    # Implicit TLS from the first byte (port 465: QQ, 163, Aliyun mail).
    MAIL_USE_SSL = False
    MAIL_SENDER = "volunteer-hub@localhost"

    # The address the server listens on, when known (``make run`` sets HOST).
    # Only on a loopback address may the first-run page skip its set-up code.
    LISTEN_HOST: str | None = None

    # Base of links that leave the site (mail, QR codes); when unset, the address
    # recorded on the set-up page. Never the request's Host header.
    PUBLIC_BASE_URL: str | None = None

    # How many reverse proxies stand in front (nginx: 1); their X-Forwarded-For
    # and X-Forwarded-Proto are then believed, nobody else's.
    TRUSTED_PROXIES = 0


class Development(Defaults):
    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False


# Environment variables that override settings, with the type to parse them as.
_ENV_OVERRIDES: dict[str, type] = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "RATELIMIT_STORAGE_URI": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_SENDER": str,
    "PUBLIC_BASE_URL": str,
    "SESSION_COOKIE_SECURE": bool,
    "MAX_CONTENT_LENGTH": int,
    "BABEL_DEFAULT_TIMEZONE": str,
    "TRUSTED_PROXIES": int,
    "SQLITE_BUSY_TIMEOUT_MS": int,
    "REDIS_URL": str,
    "JOBS_PARTS": int,
    "RECEIPT_SIGNING_KEY": str,
    "RECEIPT_SIGNING_CERT": str,
    "RECEIPT_SIGNING_PASSPHRASE": str,
    "HOST": str,
}


class ConfigError(RuntimeError):
    """A setting that stops the application from starting; the message is one line."""


_RENAMED = {"DATABASE_URL": "SQLALCHEMY_DATABASE_URI", "HOST": "LISTEN_HOST"}


def _parse(value: str, kind: type):
    if kind is bool:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return kind(value)


def environment_overrides(environ: dict[str, str] | None = None) -> dict:
    """Settings taken from ``VH_*``-free environment variable names listed above."""
    environ = os.environ if environ is None else environ
    found = {}
    for name, kind in _ENV_OVERRIDES.items():
        if environ.get(name):
            key = _RENAMED.get(name, name)
            found[key] = _parse(environ[name], kind)
    if found.get("SESSION_COOKIE_SECURE") is not None:
        found["REMEMBER_COOKIE_SECURE"] = found["SESSION_COOKIE_SECURE"]
    return found


def normalise_database_url(url: str) -> str:
    """Route plain PostgreSQL URLs through psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def persistent_secret_key(instance_path: str | Path) -> str:
    """Return the secret kept in ``instance/secret_key``, creating it on first use.

    Raises ConfigError when the file exists but is empty or cannot be read:
    a new key would silently log everyone out and make encrypted ID numbers
    unreadable.
    """
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return _read_secret(path)
    key = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: when two workers start at once, one writes and the other reads.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _read_secret(path: Path) -> str:
    try:
        key = path.read_text().strip()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not text"
        raise ConfigError(f"{path} cannot be read ({reason}).") from None
    if not key:
        raise ConfigError(
            f"{path} is empty: restore it from a backup, or delete it to make a "
            "new key (everyone is logged out; encrypted ID numbers are lost)."
        )
    return key


def fit_engine_options(config: dict) -> None:
    """No liveness check of the connection before each transaction on SQLite:
    a file does not drop a connection the way a server does, and the check is
    a statement more on every request. Options set by the instance stay."""
    options = config.get("SQLALCHEMY_ENGINE_OPTIONS")
    sqlite = config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if sqlite and options == Defaults.SQLALCHEMY_ENGINE_OPTIONS:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(options, pool_pre_ping=False)


def check_secret_key(config: dict) -> None:
    """On PostgreSQL, several machines share one database and must share one key."""
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    if not config.get("SECRET_KEY"):
        raise ConfigError(
            "SECRET_KEY must be set (environment or instance/config.py) when "
            "DATABASE_URL points at PostgreSQL: every machine needs the same key."
        )
