"""``flask volunteers …``: seed the taxonomy, hours reminders from the shell."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from volunteer_hub.extensions import db

volunteers = AppGroup("volunteers", help="Volunteers and their specialties.")


@volunteers.command("seed-specialties")
def seed_specialties():
    """Add the default specialty list when there are no specialties yet."""
    from volunteer_hub.volunteers.services_admin import ensure_specialties

    added = ensure_specialties()
    db.session.commit()
    click.echo(f"{added} specialties added.")
