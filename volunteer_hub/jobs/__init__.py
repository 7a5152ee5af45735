"""Background jobs: a job table with progress, run by RQ workers or a local process.

Layout: ``blueprint.py``, ``models.py``, ``services.py`` (create, dispatch, run,
re-run), ``views.py`` (a job's progress page), ``cli.py`` (``flask jobs``) and
``worker.py`` (the entry points of RQ and of the local worker process).
"""

from __future__ import annotations

from flask import Flask

from volunteer_hub.jobs import views
from volunteer_hub.jobs.blueprint import bp
from volunteer_hub.jobs.cli import jobs

# Importing the view module attaches its routes to the blueprint.
VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint and the ``flask jobs`` commands."""
    app.register_blueprint(bp)
    app.cli.add_command(jobs)
