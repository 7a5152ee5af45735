"""The home page and the health check.

Layout: ``blueprint.py`` (the blueprint), ``views.py`` (the two routes). The
staff home page lists the day's work that other features register in the slot
``main.today`` (``volunteer_hub.panels.register_count``).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from volunteer_hub import panels

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.main import views
from volunteer_hub.main.blueprint import bp
from volunteer_hub.projects import today as projects_today

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint and the projects' count."""
    app.register_blueprint(bp)
    register_counts(app)


def register_counts(app: Flask) -> None:
    # Projects are being restructured (issue 15): its owner moves this
    # registration into the package's own init_app, as drives did.
    panels.register_count(
        app,
        "shifts-short",
        _l("Shifts in the next 7 days still short of people"),
        projects_today.short_shifts,
        "projects.index",
        order=30,
    )
