"""A fair queue in front of SQLite's write lock, for long write transactions.

SQLite has one write lock per database. A transaction that holds it while it
renders a PDF keeps every other writer polling through the busy timeout, and a
poller can lose the race again and again until it fails with "database is
locked". Issuers of numbered documents therefore first queue on an operating
system file lock (``instance/write.lock``), which waits without a timeout, and
let go of it when their transaction ends. PostgreSQL needs none of this: its
row locks queue by themselves.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

_KEY = "write_queue_fd"


def wait_for_turn(session) -> None:
    """Block until no other process of this installation issues; SQLite only.

    The turn lasts until the session's transaction is committed or rolled back.
    """
    if session.get_bind().dialect.name != "sqlite" or _KEY in session.info:
        return
    path = Path(current_app.instance_path) / "write.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except BaseException:
        os.close(fd)
        raise
    session.info[_KEY] = fd


@event.listens_for(Session, "after_transaction_end")
def _release(session, transaction) -> None:
    if transaction.parent is None and _KEY in session.info:
        os.close(session.info.pop(_KEY))  # closing the file releases the lock
