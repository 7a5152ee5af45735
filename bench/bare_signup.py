"""The sign-up benchmark's baseline: a bare Flask handler inserting the same row.

What a developer would write without this project: Flask, the standard
library's sqlite3 in WAL mode with a busy timeout, one connection per worker,
no forms library, no CSRF, no audit trail. It
takes the same POST as ``/signup`` and inserts the volunteer row the real
sign-up inserts, then redirects like it. ``BARE_SIGNUP_DB`` names the database
file; ``create_schema`` makes its table before the server starts.

Served by gunicorn with the project's own ``deploy/gunicorn.conf.py``:
``gunicorn -c deploy/gunicorn.conf.py --chdir bench bare_signup:app``.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime

from flask import Flask, redirect, request

SCHEMA = """
CREATE TABLE IF NOT EXISTS volunteers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT UNIQUE,
    district TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    consent_version TEXT,
    consent_at TEXT,
    preferred_locale TEXT NOT NULL,
    signup_token TEXT UNIQUE,
    created_at TEXT NOT NULL
)
"""

app = Flask(__name__)


def connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=5)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    return connection


def create_schema(path: str) -> None:
    connection = connect(path)
    connection.execute(SCHEMA)
    connection.commit()
    connection.close()


def database() -> sqlite3.Connection:
    """This worker's connection, opened on its first request and kept.

    Kept rather than opened per request: closing the last connection to a WAL
    database checkpoints it, which would make the baseline slow for a reason
    the application (a pooled connection per worker) does not share.
    """
    global _connection
    if _connection is None:
        _connection = connect(os.environ["BARE_SIGNUP_DB"])
    return _connection


_connection: sqlite3.Connection | None = None


@app.get("/signup")
def signup_page():
    return (
        '<form method="post" action="/signup"><input name="name">'
        '<input name="phone"><button>Sign up</button></form>'
    )


@app.post("/signup")
def signup():
    form = request.form
    now = datetime.now(UTC).isoformat()
    connection = database()
    connection.execute(
        "INSERT INTO volunteers (name, phone, district, status, source,"
        " consent_version, consent_at, preferred_locale, signup_token, created_at)"
        " VALUES (?, ?, ?, 'pending', 'signup', '1', ?, 'zh_Hans', ?, ?)",
        (form["name"], form["phone"], form.get("district", ""), now)
        + (form["token"], now),
    )
    connection.commit()
    return redirect("/signup/done")
