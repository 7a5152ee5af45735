"""One sender for every outgoing message, with a table that keeps them all.

Layout: ``models.py`` (``OutboxMessage``), ``services.py`` (``queue_message``,
the one way any feature sends; ``deliver_due``, ``reveal``, ``anonymise``),
``queries.py`` (what a staff member may read), ``blueprint.py``, ``views.py``,
``forms.py`` and ``cli.py`` (``flask outbox send``).
"""

from __future__ import annotations

from flask import Flask

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.outbox import views
from volunteer_hub.outbox.blueprint import bp
from volunteer_hub.outbox.cli import outbox

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint and ``flask outbox``."""
    app.register_blueprint(bp)
    app.cli.add_command(outbox)
