"""Report pages: the list of reports and the drive report (screen, PDF, CSV).

The volunteer report and the annual summary are in ``views_people.py`` on the
same blueprint. Every route is read-only and open to every staff role.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub.auth.access import staff_required
from volunteer_hub.drives.models import Drive
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.reports import output
from volunteer_hub.reports.drive_output import (
    basis_label,
    donor_name,
    drive_charts,
    drive_sections,
    kind_label,
    recipient_name,
)
from volunteer_hub.reports.drive_report import drive_report
from volunteer_hub.reports.forms import PeriodForm
from volunteer_hub.reports.periods import Period, zone

bp = Blueprint("reports", __name__, url_prefix="/reports")
FORMATS = "any(pdf, csv)"

bp.add_app_template_filter(output.fmt_qty, "report_qty")
bp.add_app_template_filter(output.fmt_money, "report_money")
bp.add_app_template_filter(output.fmt_pct, "report_pct")


@bp.app_context_processor
def report_helpers():
    return {
        "report_kind_label": kind_label,
        "report_basis_label": basis_label,
        "report_donor_name": donor_name,
        "report_recipient_name": recipient_name,
    }


def organisation_zone():
    org = current_organisation()
    return zone(org.timezone if org else None)


def period_from(form) -> Period:
    return Period(form.start.data, form.end.data, organisation_zone())


def screen_url() -> str:
    """The screen version of the current report, with the same filters."""
    values = {k: v for k, v in (request.view_args or {}).items() if k != "fmt"}
    return url_for(request.endpoint, **values, **request.args.to_dict())


@bp.get("/")
@staff_required
def index():
    drives = db.session.scalars(
        select(Drive).order_by(Drive.created_at.desc(), Drive.id.desc())
    ).all()
    return render_template("reports/index.html", drives=drives)


@bp.get("/drives/<int:drive_id>", defaults={"fmt": "html"})
@bp.get(f"/drives/<int:drive_id>.<{FORMATS}:fmt>")
@staff_required
def drive(drive_id: int, fmt: str):
    record = db.get_or_404(Drive, drive_id)
    form = PeriodForm()
    if not form.validate():
        if fmt != "html":
            return redirect(screen_url())
        return render_template("reports/drive.html", drive=record, form=form)
    period = period_from(form)
    report = drive_report(record, period)
    title = _("Drive report: %(title)s", title=record.title(get_locale()))
    name = f"drive-{record.slug}-report"
    if fmt == "csv":
        return output.csv_response(title, period, drive_sections(report), name + ".csv")
    context = {"report": report, "charts": drive_charts(report), "drive": record}
    if fmt == "pdf":
        return output.pdf_response(
            "reports/drive_pdf.html", title, period, name + ".pdf", **context
        )
    return render_template(
        "reports/drive.html",
        form=form,
        title=title,
        period_text=output.period_text(period),
        **context,
    )


# The other report pages register their routes on ``bp``.
from volunteer_hub.reports import views_people  # noqa: E402, F401
