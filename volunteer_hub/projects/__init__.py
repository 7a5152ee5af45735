"""Service projects, their shifts, booking, invitations and attendance."""

from __future__ import annotations

from flask import Flask

from volunteer_hub import panels
from volunteer_hub.projects import receivers, views, views_public


def init_app(app: Flask) -> None:
    """Register the blueprint, listen to volunteers, add the shifts panels."""
    app.register_blueprint(views.bp)
    receivers.connect()
    panels.register(
        app,
        "volunteers.personal",
        "projects/_my_shifts.html",
        build=views_public.my_shifts_panel,
        order=10,
    )
    panels.register(
        app,
        "volunteers.staff",
        "projects/_volunteer_shifts.html",
        build=views_public.volunteer_shifts_panel,
        order=10,
    )
