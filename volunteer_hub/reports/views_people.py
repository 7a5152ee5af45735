"""The volunteer report and the annual summary (screen, PDF, CSV)."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.auth.access import staff_required
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.extensions import db
from volunteer_hub.reports import output
from volunteer_hub.reports.activity import project_choices
from volunteer_hub.reports.annual_report import annual_report
from volunteer_hub.reports.forms import AnnualForm, VolunteerReportForm
from volunteer_hub.reports.hours_base import VolunteerFilters
from volunteer_hub.reports.people_output import (
    activity_name,
    annual_charts,
    annual_sections,
    volunteer_charts,
    volunteer_sections,
)
from volunteer_hub.reports.periods import Period
from volunteer_hub.reports.views import FORMATS, bp, organisation_zone, screen_url
from volunteer_hub.reports.volunteer_report import volunteer_report
from volunteer_hub.volunteers.models import Specialty
from volunteer_hub.volunteers.models_hours import ServiceRecord


def _today() -> date:
    return clock.now().astimezone(organisation_zone()).date()


def _specialty_choices(locale=None):
    rows = db.session.scalars(
        select(Specialty).order_by(Specialty.position, Specialty.id)
    )
    return [(s.id, s.display_name(locale or get_locale())) for s in rows]


@bp.get("/volunteers", defaults={"fmt": "html"})
@bp.get(f"/volunteers.<{FORMATS}:fmt>")
@staff_required
def volunteers(fmt: str):
    today = _today()
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
    title = _("Volunteer report")
    name = f"volunteers-{start.isoformat()}-{end.isoformat()}"
    if fmt == "csv":
        return output.csv_response(
            title, period, volunteer_sections(report), name + ".csv"
        )
    context = {
        "report": report,
        "charts": volunteer_charts(report),
        "activity_name": activity_name,
    }
    if fmt == "pdf":
        return output.pdf_response(
            "reports/volunteers_pdf.html", title, period, name + ".pdf", **context
        )
    return render_template(
        "reports/volunteers.html",
        form=form,
        title=title,
        period_text=output.period_text(period),
        **context,
    )


def _years(today: date) -> list[int]:
    first = [
        db.session.scalar(select(func.min(Intake.received_at))),
        db.session.scalar(select(func.min(ServiceRecord.served_on))),
    ]
    years = [value.year for value in first if value is not None]
    start = min([*years, today.year])
    return list(range(today.year, start - 1, -1))


@bp.get("/annual", defaults={"fmt": "html"})
@bp.get(f"/annual.<{FORMATS}:fmt>")
@staff_required
def annual(fmt: str):
    today = _today()
    form = AnnualForm(years=_years(today))
    if not form.year.raw_data:
        form.year.data = today.year
    if not form.validate():
        if fmt != "html":
            return redirect(screen_url())
        return render_template("reports/annual.html", form=form)
    year = form.year.data
    period = Period.year(year, organisation_zone())
    report = annual_report(year, period)
    title = _("Annual summary %(year)d", year=year)
    name = f"annual-summary-{year}"
    if fmt == "csv":
        return output.csv_response(
            title, period, annual_sections(report), name + ".csv"
        )
    context = {
        "report": report,
        "charts": annual_charts(report),
        "activity_name": activity_name,
    }
    if fmt == "pdf":
        return output.pdf_response(
            "reports/annual_pdf.html", title, period, name + ".pdf", **context
        )
    return render_template(
        "reports/annual.html",
        form=form,
        title=title,
        period_text=output.period_text(period),
        **context,
    )
