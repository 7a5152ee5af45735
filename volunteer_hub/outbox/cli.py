"""``flask outbox``: sending what is due, from cron."""

import click
from flask.cli import AppGroup

from volunteer_hub.outbox.services import deliver_due

outbox = AppGroup("outbox", help="Outgoing messages.")


@outbox.command("send")
@click.option("--limit", default=100, show_default=True)
def send(limit):
    """Send queued messages that are due (run from cron every minute)."""
    click.echo(f"sent {deliver_due(limit)}")
