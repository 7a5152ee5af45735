"""``flask volunteers …``: seed the taxonomy from the shell."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from volunteer_hub.extensions import db
from volunteer_hub.volunteers.admin.services import ensure_specialties

volunteers = AppGroup("volunteers", help="Volunteers and their specialties.")


@volunteers.command("seed-specialties")
def seed_specialties():
    """Add the default specialty list when there are no specialties yet."""
    added = ensure_specialties()
    db.session.commit()
    click.echo(f"{added} specialties added.")
