"""The annual summary (screen, PDF, CSV)."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template
from flask_babel import gettext as _
from sqlalchemy import func, select

from volunteer_hub.auth.access import staff_required
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.extensions import db
from volunteer_hub.reports.annual.forms import AnnualForm
from volunteer_hub.reports.annual.queries import annual_report
from volunteer_hub.reports.annual.tables import report_charts, report_tables
from volunteer_hub.reports.blueprint import (
    FORMATS,
    bp,
    local_today,
    organisation_zone,
    screen_url,
)
from volunteer_hub.reports.output import respond
from volunteer_hub.reports.periods import Period
from volunteer_hub.volunteers.models_hours import ServiceRecord


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
    today = local_today()
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
    return respond(
        fmt,
        "annual",
        title=_("Annual summary %(year)d", year=year),
        period=period,
        name=f"annual-summary-{year}",
        form=form,
        report=report,
        tables=report_tables(report),
        charts=report_charts(report),
    )
