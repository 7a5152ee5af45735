"""The resource map: ``/reports/resources`` as a page, a PDF and a CSV."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from volunteer_hub import clock
from volunteer_hub.auth.access import staff_required
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.reports import output
from volunteer_hub.reports.forms import PeriodForm
from volunteer_hub.reports.periods import Period, zone
from volunteer_hub.resources.blueprint import bp
from volunteer_hub.resources.report import resource_map
from volunteer_hub.resources.report_output import resource_charts, resource_sections

FORMATS = "any(pdf, csv)"


def organisation_zone():
    org = current_organisation()
    return zone(org.timezone if org else None)


def default_period(form) -> Period:
    """The form's dates; without them, this year up to today."""
    today = clock.now().astimezone(organisation_zone()).date()
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
            return redirect(url_for("resources.report", **request.args.to_dict()))
        return render_template("resources/report.html", form=form)
    period = default_period(form)
    figures = resource_map(period)
    title = _("Resource map")
    name = f"resource-map-{period.start.isoformat()}-{period.end.isoformat()}"
    if fmt == "csv":
        return output.csv_response(
            title, period, resource_sections(figures), name + ".csv"
        )
    context = {"report": figures, "charts": resource_charts(figures)}
    if fmt == "pdf":
        return output.pdf_response(
            "resources/report_pdf.html", title, period, name + ".pdf", **context
        )
    return render_template(
        "resources/report.html",
        form=form,
        title=title,
        period_text=output.period_text(period),
        **context,
    )
