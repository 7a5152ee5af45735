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
from volunteer_hub.projects import today as projects_today

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint and the counts of drives and projects."""
    app.register_blueprint(bp)
    register_counts(app)


def register_counts(app: Flask) -> None:
    # Drives and projects are being restructured (issue 15): their owners move
    # these two registrations into the packages' own init_app.
    panels.register_count(
        app,
        "shifts-short",
        _l("Shifts in the next 7 days still short of people"),
        projects_today.short_shifts,
        "projects.index",
        order=30,
    )
    panels.register_count(
        app,
        "pledges-due",
        _l("Pledges due within 7 days, nothing delivered yet"),
        drives_today.pledges_due,
        "drives.index",
        order=40,
    )
