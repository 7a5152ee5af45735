"""``flask demo load``: a small, realistic bilingual data set for newcomers.

Each feature contributes a loader ``load(context)`` in its ``demo.py``; the list
below runs them in dependency order. A loader receives a dict it may read from
and add to (the organisation, staff users, volunteers …).
"""

from __future__ import annotations

from importlib import import_module

import click
from flask.cli import AppGroup
from sqlalchemy import select

# The staff accounts' log-in, printed below; the tests log in with them too.
from volunteer_hub.auth.demo import DEMO_PASSWORD, DEMO_STAFF
from volunteer_hub.extensions import db
from volunteer_hub.organisation.models import Organisation

LOADERS = (
    "volunteer_hub.organisation.demo:load",
    "volunteer_hub.auth.demo:load",
    "volunteer_hub.volunteers.demo:load",
    "volunteer_hub.drives.demo:load",
    "volunteer_hub.projects.demo:load",
    "volunteer_hub.receipts.demo:load",
    "volunteer_hub.resources.demo:load",
)

__all__ = ["DEMO_PASSWORD", "DEMO_STAFF", "LOADERS", "demo", "run_loaders"]

demo = AppGroup("demo", help="Demonstration data.")


def run_loaders(context: dict | None = None) -> dict:
    """Run every feature's loader in order; the caller commits."""
    context = {} if context is None else context
    for path in LOADERS:
        module, _, name = path.partition(":")
        getattr(import_module(module), name)(context)
    return context


@demo.command("load")
def load():
    """Fill an empty database with demonstration data."""
    if db.session.scalar(select(Organisation.id).limit(1)) is not None:
        raise click.ClickException(
            "the database already has an organisation; demo data goes into an empty one"
        )
    run_loaders()
    db.session.commit()
    click.echo("Demo data loaded. Log in with:")
    for email, _name, role in DEMO_STAFF:
        click.echo(f"  {role:<12} {email}  password: {DEMO_PASSWORD}")
