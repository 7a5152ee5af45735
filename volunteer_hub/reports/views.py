"""The list of reports. Each report's own page is in its sub-package
(``drive``, ``people``, ``annual``); every route is read-only and open to every
staff role."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from volunteer_hub.auth.access import staff_required
from volunteer_hub.drives.models import Drive
from volunteer_hub.extensions import db
from volunteer_hub.reports.blueprint import bp


@bp.get("/")
@staff_required
def index():
    drives = db.session.scalars(
        select(Drive).order_by(Drive.created_at.desc(), Drive.id.desc())
    ).all()
    return render_template("reports/index.html", drives=drives)
