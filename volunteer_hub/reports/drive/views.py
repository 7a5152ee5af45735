"""The drive report (screen, PDF, CSV)."""

from __future__ import annotations

from flask import redirect, render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from volunteer_hub.auth.access import staff_required
from volunteer_hub.drives.models import Drive
from volunteer_hub.extensions import db
from volunteer_hub.reports.blueprint import FORMATS, bp, period_from, screen_url
from volunteer_hub.reports.drive.queries import drive_report
from volunteer_hub.reports.drive.tables import report_charts, report_tables
from volunteer_hub.reports.forms import PeriodForm
from volunteer_hub.reports.output import respond


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
    return respond(
        fmt,
        "drive",
        title=_("Drive report: %(title)s", title=record.title(get_locale())),
        period=period,
        name=f"drive-{record.slug}-report",
        form=form,
        drive=record,
        report=report,
        tables=report_tables(report),
        charts=report_charts(report),
    )
