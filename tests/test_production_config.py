"""Secrets and backups as a real installation needs them."""

import sqlite3
import subprocess
import sys

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.fixtures.server import ROOT, server_env
from volunteer_hub import create_app
from volunteer_hub.config import ConfigError, environment_overrides

BASE = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}


def start_wsgi(environ) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("content", [b"", b"  \n"])
def test_empty_secret_key_file_refuses_to_start(tmp_path, content):
    (tmp_path / "secret_key").write_bytes(content)
    with pytest.raises(ConfigError, match="is empty"):
        create_app({**BASE, "INSTANCE_PATH": str(tmp_path)})


def test_unreadable_secret_key_refuses_to_start_with_one_line(tmp_path):
    (tmp_path / "secret_key").mkdir()  # unreadable as a file, even for root
    done = start_wsgi(server_env(tmp_path, f"sqlite:///{tmp_path}/db.sqlite3"))
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot be read" in lines[0], done.stderr


def test_postgresql_without_secret_key_refuses_to_start(tmp_path):
    done = start_wsgi(server_env(tmp_path, "postgresql://nobody@127.0.0.1/none"))
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "Volunteer Hub cannot start: SECRET_KEY must be set (environment or "
        "instance/config.py) when DATABASE_URL points at PostgreSQL: every machine "
        "needs the same key."
    ]
    assert not (tmp_path / "secret_key").exists()


def test_signing_keys_and_proxies_by_environment_variable():
    found = environment_overrides(
        {
            "RECEIPT_SIGNING_KEY": "/etc/vh/key.pem",
            "RECEIPT_SIGNING_CERT": "/etc/vh/cert.pem",
            "RECEIPT_SIGNING_PASSPHRASE": "secret",
            "TRUSTED_PROXIES": "1",
        }
    )
    assert found == {
        "RECEIPT_SIGNING_KEY": "/etc/vh/key.pem",
        "RECEIPT_SIGNING_CERT": "/etc/vh/cert.pem",
        "RECEIPT_SIGNING_PASSPHRASE": "secret",
        "TRUSTED_PROXIES": 1,
    }


def test_the_connection_is_checked_before_use_on_postgresql_only(tmp_path):
    """A PostgreSQL connection can drop between requests (a restart, a proxy's
    timeout); a SQLite file's cannot, so no check statement is sent there."""
    file = f"sqlite:///{tmp_path / 'vh.sqlite3'}"
    sqlite = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": file})
    assert sqlite.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is False
    with sqlite.app_context():
        from volunteer_hub.extensions import db

        assert db.engine.pool._pre_ping is False
    server = create_app(
        {"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "postgresql://u@h/d"}
    )
    assert server.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    chosen = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": file,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "echo": False},
        }
    )
    assert chosen.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def test_backup_then_restore_finds_the_data(app, runner, org, database_url, tmp_path):
    result = runner.invoke(args=["backup", "--to", str(tmp_path / "copies")])
    assert result.exit_code == 0, result.output
    copy = result.output.strip().splitlines()[-1]
    if database_url.startswith("sqlite"):
        names = _restored_sqlite(copy, tmp_path)
    else:
        names = _restored_postgresql(copy, database_url)
    assert names == [(org.name_zh,)]


def _restored_sqlite(copy: str, tmp_path) -> list:
    """Restore as the README says: the copy replaces the database file."""
    restored = tmp_path / "restored.sqlite3"
    restored.write_bytes(open(copy, "rb").read())
    with sqlite3.connect(restored) as connection:
        return connection.execute("SELECT name_zh FROM organisations").fetchall()


def _restored_postgresql(copy: str, database_url: str) -> list:
    """Restore as the README says: pg_restore into an (empty) database."""
    url = make_url(database_url).set(drivername="postgresql")
    target = url.set(database=f"{url.database}_restore")
    admin = url.render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{target.database}"')
        connection.execute(f'CREATE DATABASE "{target.database}"')
    plain = target.render_as_string(hide_password=False)
    done = subprocess.run(
        ["pg_restore", "--no-owner", "-d", plain, copy], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with psycopg.connect(plain) as connection:
        return connection.execute("SELECT name_zh FROM organisations").fetchall()
