"""Configuration every request reads, kept by each worker between requests.

The organisation's profile, the specialty taxonomy, the volunteer settings and
the privacy notice change a few times a year and are read on every page. Each
worker keeps plain, read-only copies of them (never ORM objects: those belong
to one request's session) under ``organisations.settings_version``, a random
token:

- every flush that adds, changes or deletes a row of a watched model (each
  feature names its own with ``watch``) writes a new token into the
  organisation's row, in the same transaction: the token and the change
  become visible together, and a rolled-back change leaves the old token;
- a request reads the token once per transaction (one small query), before
  any kept value; a value loaded after that read can only be newer than its
  token, never older, so it is kept under it. Every worker (or machine) sees
  a new token on its next request: nothing is shared but the column;
- a transaction that changes a watched row reads the token again, its own
  new one: what it keeps under that token is used only once the token is
  committed (a rolled-back token is never read again).

Before set-up there is no row and no token: everything is read afresh. Writes
that bypass the ORM (Core statements, SQL by hand) must renew the token
themselves (``renew_settings_version``).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from flask import current_app
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from volunteer_hub.extensions import db
from volunteer_hub.organisation.models import Organisation

T = TypeVar("T")
WATCHED: set[type] = {Organisation}
# The token as read in a session's transaction (in its ``info``).
TOKEN = "settings_version"


def new_settings_version() -> str:
    return secrets.token_hex(8)


def watch(*models: type) -> None:
    """Renew the token whenever a row of one of ``models`` is written."""
    WATCHED.update(models)


def _writes_watched(session: Session) -> bool:
    for row in (*session.new, *session.deleted):
        if type(row) in WATCHED:
            return True
    # A row in ``dirty`` may have no change of its own (a collection appended to).
    return any(
        type(row) in WATCHED and session.is_modified(row) for row in session.dirty
    )


def renew_settings_version(session: Session, flush_context=None) -> None:
    """After a flush that wrote a watched row: a new token, in its transaction."""
    if flush_context is not None and not _writes_watched(session):
        return
    table = Organisation.__table__
    session.connection().execute(
        # updated_at set to itself: its onupdate is for edits of the profile.
        update(table).values(
            settings_version=new_settings_version(), updated_at=table.c.updated_at
        )
    )
    session.info.pop(TOKEN, None)


def _forget(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(TOKEN, None)


def connect() -> None:
    """Listen on every session (the application's scoped sessions included)."""
    if not event.contains(Session, "after_flush", renew_settings_version):
        event.listen(Session, "after_flush", renew_settings_version)
        event.listen(Session, "after_transaction_end", _forget)


# Built once (a statement's cache key is worked out once per statement object):
# every request reads the token.
_READ_TOKEN = select(Organisation.__table__.c.settings_version).limit(1)


def settings_version() -> str | None:
    """The token, read once per transaction; None before set-up."""
    info = db.session.info
    if TOKEN not in info:
        info[TOKEN] = db.session.connection().scalar(_READ_TOKEN)
    return info[TOKEN]


def kept(name: str, load: Callable[[], T]) -> T:
    """``load()``'s value as kept under the current token, else loaded now.

    ``load`` must return plain data (tuples, frozen dataclasses), nothing
    attached to the session.
    """
    token = settings_version()
    if token is None:
        return load()
    store: dict = current_app.extensions.setdefault("kept_settings", {})
    entry = store.get(name)
    if entry is not None and entry[0] == token:
        return entry[1]
    value = load()
    # A load that wrote defaults (a first notice) renewed the token: keep the
    # value under the new one, which holds only if that write is committed.
    store[name] = (settings_version(), value)
    return value
