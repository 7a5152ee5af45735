"""Security headers on every response, and the signed session cookie."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


# Every response's security headers; a view may set its own value for any of them.
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        headers = response.headers
        # The names already set, read once: Werkzeug answers a name it does
        # not have with an exception, and this runs on every response.
        present = {name.lower() for name, _value in headers}
        wanted = [*SECURITY_HEADERS]
        if app.config.get("SESSION_COOKIE_SECURE"):
            wanted.append(HSTS)
        if response.mimetype == "text/html":
            wanted.append(("Cache-Control", "no-store"))
        for name, value in wanted:
            if name.lower() not in present:
                headers[name] = value
        return response


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, its serializer made once per key.

    Flask builds the serializer afresh to read the cookie and again to write
    it, on every request; it depends only on the secret key (and the previous
    keys still accepted), so it is kept until they change.
    """

    _kept: tuple | None = None

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept = self._kept
        if kept is None or kept[0] != keys:
            kept = self._kept = (keys, super().get_signing_serializer(app))
        return kept[1]
