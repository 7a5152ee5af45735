"""Password hashing with Argon2id (argon2-cffi's recommended parameters)."""

import functools

from volunteer_hub.lazy import LazyModule

argon2 = LazyModule("argon2")
argon2_errors = LazyModule("argon2.exceptions")

# argon2's PasswordHasher, made on first use: only a login needs it (the
# tests put a cheap one here).
_hasher = None


def _argon2():
    global _hasher
    if _hasher is None:
        _hasher = argon2.PasswordHasher()
    return _hasher


@functools.cache
def _dummy_hash() -> str:
    # Verified against when the e-mail is unknown, so both paths cost the same
    # time; made on the first login, not at import (a hash costs ~0.1 s).
    return _argon2().hash("not-a-real-password")


MIN_LENGTH = 10


def hash_password(password: str) -> str:
    return _argon2().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; unknown accounts still pay for a hash."""
    try:
        return _argon2().verify(stored_hash or _dummy_hash(), password) and bool(
            stored_hash
        )
    except (argon2_errors.VerificationError, argon2_errors.InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _argon2().check_needs_rehash(stored_hash)
