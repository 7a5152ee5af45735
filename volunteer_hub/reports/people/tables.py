"""The volunteer report's tables and charts, declared once for screen, PDF and CSV.

Code columns in the CSV: the specialty (``specialty_code``, as in the roster's
export), the core flag (``core_code``: "yes" or empty, as the roster writes it)
and the summary's figures.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from volunteer_hub.reports.charts import bar_chart, column_chart
from volunteer_hub.reports.people.queries import VolunteerReport
from volunteer_hub.reports.tables import (
    PERCENT,
    QUANTITY,
    Table,
    code,
    day,
    facts,
    quantity,
    text,
)


def activity_name(entry: dict) -> str:
    if entry.get("project") is not None:
        return entry["project"].display_name(get_locale())
    return entry["description"] or _("Not described")


def report_charts(report: VolunteerReport) -> dict:
    locale = get_locale()
    found = {}
    if report.by_specialty:
        found["specialty"] = bar_chart(
            [s.display_name(locale) for s, _n, _h in report.by_specialty],
            [(_("Hours"), [h for _s, _n, h in report.by_specialty])],
            title=_("Hours by specialty"),
        )
    if report.by_activity:
        shown = report.by_activity[:15]
        found["activity"] = bar_chart(
            [activity_name(a) for a in shown],
            [(_("Hours"), [a["hours"] for a in shown])],
            title=_("Hours by project"),
        )
    if report.by_month:
        found["month"] = column_chart(
            [m for m, _h in report.by_month],
            [h for _m, h in report.by_month],
            title=_("Hours by month"),
        )
    return found


def report_tables(report: VolunteerReport) -> dict[str, Table]:
    """Every table of the volunteer report, by id, in the order of the page."""
    found = [_summary(report), *_hours(report), *_people(report)]
    return {table.key: table for table in found}


def _summary(report: VolunteerReport) -> Table:
    figures = [
        ("hours", _("Approved hours"), report.total_hours, QUANTITY),
        ("active", _("Volunteers who served"), report.active, QUANTITY),
        ("new", _("New sign-ups"), report.new_signups, QUANTITY),
        ("new-active", _("Of them active now"), report.new_active, QUANTITY),
        ("core", _("Core volunteers"), report.core, QUANTITY),
        ("core-served", _("Core volunteers who served"), report.core_served, QUANTITY),
    ]
    if report.attendance is not None:
        rate = report.attendance["rate"]
        figures.append(("attendance", _("Attendance rate"), rate, PERCENT))
    return facts("summary", _("Summary"), figures)


def _hours(report: VolunteerReport) -> list[Table]:
    locale = get_locale()
    specialty = Table.of(
        "by-specialty",
        _("Hours by specialty"),
        [
            text(_("Specialty"), lambda r: r[0].display_name(locale)),
            quantity(_("Volunteers"), lambda r: r[1]),
            quantity(_("Hours"), lambda r: r[2]),
        ],
        report.by_specialty,
        codes=[code("specialty", lambda r: r[0].code)],
    )
    project = Table.of(
        "by-project",
        _("Hours by project"),
        [
            text(_("Project or activity"), activity_name),
            quantity(_("Volunteers"), lambda a: a["volunteers"]),
            quantity(_("Hours"), lambda a: a["hours"]),
        ],
        report.by_activity,
    )
    month = Table.of(
        "by-month",
        _("Hours by month"),
        [text(_("Month"), lambda r: r[0]), quantity(_("Hours"), lambda r: r[1])],
        report.by_month,
    )
    return [specialty, project, month]


def _people(report: VolunteerReport) -> list[Table]:
    locale = get_locale()
    top = Table.of(
        "top-volunteers",
        _("Volunteers with the most hours"),
        [
            text(_("Volunteer"), lambda v: v["name"]),
            text(_("Core volunteer"), lambda v: _("Yes") if v["is_core"] else ""),
            quantity(_("Hours"), lambda v: v["hours"]),
        ],
        report.top,
        codes=[code("core", lambda v: "yes" if v["is_core"] else "")],
    )
    expiring = Table.of(
        "expiring",
        _("Certificates expiring soon"),
        [
            text(_("Volunteer"), lambda c: c["name"]),
            text(_("Specialty"), lambda c: c["specialty"].display_name(locale)),
            text(_("Certificate"), lambda c: c["certificate"]),
            day(_("Expires on"), lambda c: c["expiry"]),
        ],
        report.expiring,
        codes=[code("specialty", lambda c: c["specialty"].code)],
    )
    return [top, expiring]
