"""The home page and the health check.

Layout: ``blueprint.py`` (the blueprint), ``views.py`` (the two routes).
"""

from __future__ import annotations

from flask import Flask

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.main import views
from volunteer_hub.main.blueprint import bp

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)
