"""Who changed what, when: the append-only audit log and the admins' page on it.

Layout: ``models.py`` (``AuditEvent``, ``forbid_changes`` for append-only
models), ``services.py`` (``record``, ``snapshot``, ``changed_fields``: every
service that changes a record calls ``record``), ``blueprint.py``, ``views.py``,
``forms.py`` (the filters) and ``queries.py``.
"""

from __future__ import annotations

from flask import Flask

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.audit import views
from volunteer_hub.audit.blueprint import bp

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)
