"""Service projects, their shifts, booking, invitations and attendance.

Layout: ``blueprint.py`` (the one ``projects`` blueprint and its loaders),
``models.py``, ``adapter.py`` (the matcher's input read from the database),
``labels.py`` (words for statuses and reasons), ``ics.py`` (calendar files),
``receivers.py``, ``cli.py`` and ``demo.py`` are shared; each step of an
assignment's life has a sub-package with ``services.py``, ``views.py``,
``forms.py`` (and ``queries.py``): ``shifts/`` (projects and shifts),
``booking/`` (matching, proposing, auto-fill, weights), ``invitations/``
(invitations, replies, reminders) and ``attendance/`` (who came, hours).
Lower steps never import higher ones: ``booking`` ← ``shifts``, ``invitations``.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from volunteer_hub import panels
from volunteer_hub.audit.labels import register_notes, register_values
from volunteer_hub.projects import labels, receivers, today
from volunteer_hub.projects.attendance import views as attendance_views
from volunteer_hub.projects.blueprint import bp
from volunteer_hub.projects.booking import views as booking_views
from volunteer_hub.projects.cli import projects as projects_command
from volunteer_hub.projects.invitations import views as invitations_views
from volunteer_hub.projects.invitations.queries import (
    my_shifts_panel,
    volunteer_shifts_panel,
)
from volunteer_hub.projects.shifts import views as shifts_views
from volunteer_hub.volunteers.labels import LEVEL_LABELS
from volunteer_hub.volunteers.taxonomy import skill_words

# Importing the view modules attaches their routes to the blueprint.
VIEWS = (shifts_views, booking_views, invitations_views, attendance_views)

# Words for the codes the audit log stores about projects, shifts and bookings.
AUDIT_VALUES = {
    ("projects", "status"): labels.PROJECT_STATUS_LABELS,
    ("projects", "specialties"): skill_words,
    ("shifts", "min_level"): LEVEL_LABELS,
    ("assignments", "status"): labels.ASSIGNMENT_STATUS_LABELS,
    ("assignments", "origin"): labels.ORIGIN_LABELS,
}


def init_app(app: Flask) -> None:
    """Register the blueprint and command, listen to volunteers, add the panels
    and the count of short shifts on the staff home page."""
    app.register_blueprint(bp)
    app.cli.add_command(projects_command)
    receivers.connect()
    register_values(AUDIT_VALUES)
    register_notes(receivers.SYSTEM_NOTES)
    panels.register(
        app,
        "volunteers.personal",
        "projects/_my_shifts.html",
        build=my_shifts_panel,
        order=10,
    )
    panels.register(
        app,
        "volunteers.staff",
        "projects/_volunteer_shifts.html",
        build=volunteer_shifts_panel,
        order=10,
    )
    panels.register_count(
        app,
        "shifts-short",
        _l("Shifts in the next 7 days still short of people"),
        today.short_shifts,
        "projects.short_shifts",
        order=30,
    )
