"""``flask backup``: a consistent copy of the database while the site runs.

SQLite is copied with its online backup API (``sqlite3.Connection.backup``),
which is safe while other processes write; PostgreSQL with ``pg_dump`` in its
custom format. The secret key is copied beside the database: without it,
encrypted ID numbers in the copy cannot be read. Restore steps: README,
"Running it for real".
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from volunteer_hub import clock


def backup_sqlite(database: str, target: Path) -> None:
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
    finally:
        destination.close()
        source.close()


def backup_postgresql(url, target: Path) -> None:
    """Raises click.ClickException with pg_dump's own message when it fails."""
    if shutil.which("pg_dump") is None:
        raise click.ClickException(
            "pg_dump is not installed (apt-get install postgresql-client)."
        )
    # The password goes by environment, not on the command line others can see.
    plain = url.set(drivername="postgresql", password=None).render_as_string()
    environ = dict(os.environ, PGPASSWORD=url.password or "")
    done = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), plain],
        capture_output=True,
        text=True,
        env=environ,
    )
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        raise click.ClickException(f"pg_dump failed: {done.stderr.strip()}")


@click.command("backup")
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the copy (default instance/backups).",
)
@with_appcontext
def backup(folder: Path | None) -> None:
    """Copy the database (and the secret key) into a dated file."""
    folder = folder or Path(current_app.instance_path) / "backups"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        target = folder / f"volunteer_hub-{stamp}.sqlite3"
        backup_sqlite(url.database, target)
    else:
        target = folder / f"volunteer_hub-{stamp}.dump"
        backup_postgresql(url, target)
    target.chmod(0o600)
    key = Path(current_app.instance_path) / "secret_key"
    if key.exists():
        shutil.copy2(key, folder / f"volunteer_hub-{stamp}.secret_key")
    click.echo(str(target))
