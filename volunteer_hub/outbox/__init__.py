"""One sender for every outgoing message, with a table that keeps them all.

Layout: ``models.py`` (``OutboxMessage``), ``services.py`` (``queue_message``,
the one way any feature sends; ``deliver_due``, ``reveal``, ``anonymise``),
``queries.py`` (what a staff member may read), ``blueprint.py``, ``views.py``,
``forms.py`` and ``cli.py`` (``flask outbox send``).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from volunteer_hub import panels

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.outbox import queries, views
from volunteer_hub.outbox.blueprint import bp
from volunteer_hub.outbox.cli import outbox

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint, ``flask outbox`` and the count of messages to pass
    on by hand on the staff home page."""
    app.register_blueprint(bp)
    app.cli.add_command(outbox)
    panels.register_count(
        app,
        "messages-waiting",
        _l("Messages waiting to be passed on"),
        _waiting,
        "outbox.index",
        role="coordinator",
        order=70,
        status=queries.WAITING,
    )


def _waiting() -> int:
    return queries.waiting_count(current_user)
