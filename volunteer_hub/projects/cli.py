"""``flask projects …``: matching from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.projects.booking.services import autofill
from volunteer_hub.projects.models import Project

projects = AppGroup("projects", help="Service projects and shifts.")


@projects.command("autofill")
@click.argument("project_id", type=int)
def autofill_command(project_id):
    """Propose volunteers for every open place of a project (sends nothing)."""
    project = db.session.get(Project, project_id)
    if project is None:
        raise click.ClickException(f"no project {project_id}")
    try:
        made, dropped = autofill(project)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"proposed {len(made)} assignments ({dropped} dropped)")
