"""Backoff for anything guessable (a login, a donor lookup), shared by every
worker because it lives in the database.

Each key counts failures. The first ``FREE_FAILURES`` cost nothing; after that
every failure doubles the wait before the next try, from ``BASE_DELAY`` up to
``MAX_DELAY``. An attacker gets a dozen guesses an hour per key, and the real
person is never shut out for more than ``MAX_DELAY``; a success clears the
count. Keys are stored as hashes, so the table does not list what people typed.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import String, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_hub import clock
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db

FREE_FAILURES = 5
BASE_DELAY = timedelta(seconds=15)
MAX_DELAY = timedelta(minutes=5)


class Throttle(db.Model):
    __tablename__ = "throttles"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def delay_after(failures: int) -> timedelta:
    """How long the key waits after its ``failures``-th failure."""
    extra = failures - FREE_FAILURES - 1
    if extra < 0:
        return timedelta(0)
    return min(BASE_DELAY * (2 ** min(extra, 16)), MAX_DELAY)


def is_blocked(key: str) -> bool:
    """True while ``key`` must wait before its next try."""
    row = db.session.get(Throttle, _hash(key), populate_existing=True)
    return bool(row and row.blocked_until and row.blocked_until > clock.now())


def record_failure(key: str) -> None:
    """Count a failure for ``key`` (atomically, whichever worker sees it)."""
    key_hash, now = _hash(key), clock.now()
    bumped = db.session.execute(
        update(Throttle)
        .where(Throttle.key_hash == key_hash)
        .values(failures=Throttle.failures + 1, updated_at=now)
    ).rowcount
    if not bumped:
        try:
            with db.session.begin_nested():
                db.session.add(Throttle(key_hash=key_hash, failures=1, updated_at=now))
        except IntegrityError:  # another worker added it first
            return record_failure(key)
    row = db.session.get(Throttle, key_hash, populate_existing=True)
    wait = delay_after(row.failures)
    row.blocked_until = now + wait if wait else None
    db.session.flush()


def clear(key: str) -> None:
    """Forget the failures of ``key`` (after a success)."""
    db.session.execute(delete(Throttle).where(Throttle.key_hash == _hash(key)))
