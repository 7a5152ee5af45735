"""Read-only reports: a drive, volunteers over a period, the organisation's year.

Every figure comes from SQL aggregates (``GROUP BY`` in the database); each
report's tables are declared once (``tables.py``) and drawn on screen, in the PDF
(``volunteer_hub.pdf``) and written as CSV from the same objects.

Layout: ``blueprint.py`` (the blueprint), ``views.py`` (the list of reports),
``forms.py``, ``queries.py``, ``periods.py``, ``tables.py``, ``charts.py`` and
``output.py`` are shared; ``drive/``, ``people/`` (volunteers) and ``annual/``
each hold one report's ``views.py``, ``queries.py`` and ``tables.py``.
"""

from __future__ import annotations

from flask import Flask

# Importing the view modules attaches their routes to the blueprint; nothing
# touches an application until init_app.
from volunteer_hub.reports import views
from volunteer_hub.reports.annual import views as annual_views
from volunteer_hub.reports.blueprint import bp
from volunteer_hub.reports.drive import views as drive_views
from volunteer_hub.reports.people import views as people_views

VIEWS = (views, drive_views, people_views, annual_views)


def init_app(app: Flask) -> None:
    """Register the blueprint (number filters: ``volunteer_hub.numbers``)."""
    app.register_blueprint(bp)
