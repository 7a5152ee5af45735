"""The volunteer report (screen, PDF, CSV)."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub.auth.access import staff_required
from volunteer_hub.extensions import db
from volunteer_hub.reports.blueprint import (
    FORMATS,
    bp,
    local_today,
    organisation_zone,
    screen_url,
)
from volunteer_hub.reports.output import respond
from volunteer_hub.reports.people.forms import VolunteerReportForm
from volunteer_hub.reports.people.hours import VolunteerFilters, project_choices
from volunteer_hub.reports.people.queries import volunteer_report
from volunteer_hub.reports.people.tables import report_charts, report_tables
from volunteer_hub.reports.periods import Period
from volunteer_hub.volunteers.models import Specialty


def _specialty_choices(locale=None):
    rows = db.session.scalars(
        select(Specialty).order_by(Specialty.position, Specialty.id)
    )
    return [(s.id, s.display_name(locale or get_locale())) for s in rows]


@bp.get("/volunteers", defaults={"fmt": "html"})
@bp.get(f"/volunteers.<{FORMATS}:fmt>")
@staff_required
def volunteers(fmt: str):
    today = local_today()
    form = VolunteerReportForm(
        specialties=_specialty_choices(), projects=project_choices(get_locale())
    )
    if not form.validate():
        if fmt != "html":
            return redirect(screen_url())
        return render_template("reports/volunteers.html", form=form)
    start = form.start.data or date(today.year, 1, 1)
    end = form.end.data or max(today, start)
    period = Period(start, end, organisation_zone())
    filters = VolunteerFilters(
        specialty_id=form.specialty.data or None,
        project_id=(form.project.data or None) if "project" in form else None,
    )
    report = volunteer_report(period, filters, today=today)
    return respond(
        fmt,
        "volunteers",
        title=_("Volunteer report"),
        period=period,
        name=f"volunteers-{start.isoformat()}-{end.isoformat()}",
        form=form,
        report=report,
        tables=report_tables(report),
        charts=report_charts(report),
    )
