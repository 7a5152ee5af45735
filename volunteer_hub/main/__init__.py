"""The home page and the health check.

Layout: ``blueprint.py`` (the blueprint), ``views.py`` (the two routes). The
staff home page lists the day's work that other features register in the slot
``main.today`` (``volunteer_hub.panels.register_count``).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from volunteer_hub import panels
from volunteer_hub.drives import today as drives_today

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.main import views
from volunteer_hub.main.blueprint import bp

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint and the count of drives."""
    app.register_blueprint(bp)
    register_counts(app)


def register_counts(app: Flask) -> None:
    # Drives is being restructured (issue 15): its owner moves this
    # registration into the package's own init_app.
    panels.register_count(
        app,
        "pledges-due",
        _l("Pledges due within 7 days, nothing delivered yet"),
        drives_today.pledges_due,
        "drives.index",
        order=40,
    )
