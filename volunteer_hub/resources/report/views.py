"""The resource map: ``/reports/resources`` as a page, a PDF and a CSV."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template
from flask_babel import gettext as _

from volunteer_hub.auth.access import staff_required
from volunteer_hub.reports.blueprint import (
    FORMATS,
    local_today,
    organisation_zone,
    screen_url,
)
from volunteer_hub.reports.forms import PeriodForm
from volunteer_hub.reports.output import respond
from volunteer_hub.reports.periods import Period
from volunteer_hub.resources.blueprint import bp
from volunteer_hub.resources.report.figures import resource_map
from volunteer_hub.resources.report.tables import report_charts, report_tables


def chosen_period(form: PeriodForm) -> Period:
    """The form's dates; without them, this year up to today."""
    today = local_today()
    start = form.start.data or date(today.year, 1, 1)
    end = form.end.data or max(today, start)
    return Period(start, end, organisation_zone())


@bp.get("/reports/resources", defaults={"fmt": "html"})
@bp.get(f"/reports/resources.<{FORMATS}:fmt>")
@staff_required
def report(fmt: str):
    form = PeriodForm()
    if not form.validate():
        if fmt != "html":
            return redirect(screen_url())
        return render_template("resources/report.html", form=form)
    period = chosen_period(form)
    figures = resource_map(period)
    return respond(
        fmt,
        "report",
        folder="resources",
        title=_("Resource map"),
        period=period,
        name=f"resource-map-{period.start.isoformat()}-{period.end.isoformat()}",
        form=form,
        report=figures,
        tables=report_tables(figures),
        charts=report_charts(figures),
    )
