"""The resource map (``/reports/resources``): ``queries.py`` (the SQL
aggregates), ``figures.py`` (``resource_map``: adds them up into a
``ResourceMap``), ``tables.py`` (its tables and charts, declared once with
``volunteer_hub.reports.tables`` for screen, PDF and CSV) and ``views.py``."""
