"""The home page and the health check.

Layout: ``blueprint.py`` (the blueprint), ``views.py`` (the two routes). The
staff home page lists the day's work that other features register in the slot
``main.today`` (``volunteer_hub.panels.register_count``).
"""

from __future__ import annotations

from flask import Flask

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.main import views
from volunteer_hub.main.blueprint import bp

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint; features register their counts themselves."""
    app.register_blueprint(bp)
