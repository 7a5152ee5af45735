"""Receipts: immutable, gapless-numbered PDF acknowledgments that donors verify."""

from __future__ import annotations

from flask import Flask

from volunteer_hub import panels
from volunteer_hub.receipts import hooks, views, views_public


def _always(**context) -> dict:
    return {}


def init_app(app: Flask) -> None:
    """Register the blueprints, listen to intake, add panels to drives' pages."""
    app.register_blueprint(views.bp)
    app.register_blueprint(views_public.bp)
    hooks.connect()
    panels.register(app, "drives.intake", "receipts/_intake_panel.html", _always)
    panels.register(app, "drives.donor", "receipts/_donor_panel.html", _always)
