"""Declarative base, naming convention and column types shared by every feature."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, has_app_context
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from volunteer_hub import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timestamp stored as UTC and always returned timezone-aware.

    SQLite has no time zones, so values are stored naive in UTC and given their
    zone back on load; a naive value passed in is refused rather than guessed.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    """WAL, foreign keys and a busy timeout on every SQLite connection."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    timeout = 5000
    if has_app_context():
        timeout = current_app.config.get("SQLITE_BUSY_TIMEOUT_MS", timeout)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def utcnow() -> datetime:
    """The current time; tests replace ``volunteer_hub.clock.now`` instead."""
    return clock.now()
