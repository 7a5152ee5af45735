"""``flask users``: staff accounts from the command line."""

import click
from flask.cli import AppGroup

from volunteer_hub.auth import queries, services
from volunteer_hub.auth.models import ROLES
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db

users = AppGroup("users", help="Staff accounts.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", default="", help="Defaults to the part before the @.")
@click.option(
    "--role", type=click.Choice(ROLES), default="coordinator", show_default=True
)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="VH_PASSWORD",
    help="Prompted for when not given; or set VH_PASSWORD.",
)
def create(email, name, role, password):
    """Create a staff account that can log in at once."""
    try:
        user = services.create_user(
            email=email, name=name or email.split("@")[0], role=role, password=password
        )
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"created {user.role} {user.email} (id {user.id})")


@users.command("list")
def list_users():
    """Print every staff account."""
    for user in queries.all_staff():
        state = "active" if user.is_active else "inactive"
        click.echo(f"{user.id}\t{user.email}\t{user.role}\t{state}")
