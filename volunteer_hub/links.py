"""Secrets for personal links: long, random, stored only as a hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# 32 random bytes: 43 URL-safe characters, far beyond guessing.
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh URL-safe secret to put in a personal link."""
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    """The SHA-256 hex digest under which a secret is stored and looked up."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def secret_matches(secret: str, stored_hash: str | None) -> bool:
    """Compare a presented secret with a stored hash in constant time."""
    if not secret or not stored_hash or len(secret) > 200:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)
