"""The organisation that runs this installation: its profile, seal and logo.

Layout: ``models.py`` (``Organisation``, one row), ``services.py``
(``current_organisation``, creation at set-up, edits, the images), ``blueprint.py``,
``views.py`` and ``forms.py`` (the profile fields, shared with auth's set-up form).
"""

from __future__ import annotations

from flask import Flask

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.organisation import views
from volunteer_hub.organisation.blueprint import bp

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)
