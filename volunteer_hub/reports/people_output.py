"""Charts and CSV sections of the volunteer report and the annual summary."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from volunteer_hub.reports.annual_report import AnnualReport
from volunteer_hub.reports.charts import bar_chart, column_chart
from volunteer_hub.reports.csv_export import Section
from volunteer_hub.reports.drive_output import (
    basis_label,
    receipts_section,
    recipient_name,
)
from volunteer_hub.reports.output import fmt_money
from volunteer_hub.reports.volunteer_report import VolunteerReport


def activity_name(entry: dict) -> str:
    if entry.get("project") is not None:
        return entry["project"].display_name(get_locale())
    return entry["description"] or _("Not described")


def volunteer_charts(report: VolunteerReport) -> dict:
    locale = get_locale()
    charts = {}
    if report.by_specialty:
        charts["specialty"] = bar_chart(
            [s.display_name(locale) for s, _n, _h in report.by_specialty],
            [(_("Hours"), [h for _s, _n, h in report.by_specialty])],
            title=_("Hours by specialty"),
        )
    if report.by_activity:
        shown = report.by_activity[:15]
        charts["activity"] = bar_chart(
            [activity_name(a) for a in shown],
            [(_("Hours"), [a["hours"] for a in shown])],
            title=_("Hours by project"),
        )
    if report.by_month:
        charts["month"] = column_chart(
            [m for m, _h in report.by_month],
            [h for _m, h in report.by_month],
            title=_("Hours by month"),
        )
    return charts


def volunteer_sections(report: VolunteerReport) -> list[Section]:
    locale = get_locale()
    figures = Section(
        _("Summary"),
        [_("What"), _("Count")],
        [
            [_("Approved hours"), report.total_hours],
            [_("Volunteers who served"), report.active],
            [_("New sign-ups"), report.new_signups],
            [_("Of them active now"), report.new_active],
            [_("Core volunteers"), report.core],
            [_("Core volunteers who served"), report.core_served],
        ],
    )
    if report.attendance is not None:
        figures.rows.append([_("Attendance rate"), report.attendance["rate"]])
    sections = [
        figures,
        Section(
            _("Hours by specialty"),
            [_("Specialty"), _("Volunteers"), _("Hours")],
            [[s.display_name(locale), n, h] for s, n, h in report.by_specialty],
        ),
        Section(
            _("Hours by project"),
            [_("Project or activity"), _("Volunteers"), _("Hours")],
            [
                [activity_name(a), a["volunteers"], a["hours"]]
                for a in report.by_activity
            ],
        ),
        Section(
            _("Hours by month"),
            [_("Month"), _("Hours")],
            [list(row) for row in report.by_month],
        ),
        Section(
            _("Volunteers with the most hours"),
            [_("Volunteer"), _("Core volunteer"), _("Hours")],
            [
                [v["name"], _("Yes") if v["is_core"] else "", v["hours"]]
                for v in report.top
            ],
        ),
        Section(
            _("Certificates expiring soon"),
            [_("Volunteer"), _("Specialty"), _("Certificate"), _("Expires on")],
            [
                [
                    c["name"],
                    c["specialty"].display_name(locale),
                    c["certificate"],
                    c["expiry"].isoformat(),
                ]
                for c in report.expiring
            ],
        ),
    ]
    return sections


def annual_charts(report: AnnualReport) -> dict:
    charts = {
        "months": column_chart(
            [m["month"][5:] for m in report.months],
            [m["total"] for m in report.months],
            title=_("In-kind donations by month"),
            fmt=fmt_money,
        )
    }
    if report.hours:
        shown = report.hours[:15]
        charts["hours"] = bar_chart(
            [activity_name(a) for a in shown],
            [(_("Hours"), [a["hours"] for a in shown])],
            title=_("Service hours by project"),
        )
    return charts


def annual_sections(report: AnnualReport) -> list[Section]:
    locale = get_locale()
    value_headers = [_("Restricted"), _("Unrestricted"), _("Total")]
    return [
        Section(
            _("In-kind donations by month"),
            [_("Month"), _("Deliveries"), *value_headers],
            [
                [
                    m["month"],
                    m["deliveries"],
                    m["restricted"],
                    m["unrestricted"],
                    m["total"],
                ]
                for m in report.months
            ]
            + [
                [
                    _("Total"),
                    sum(m["deliveries"] for m in report.months),
                    report.total("restricted"),
                    report.total("unrestricted"),
                    report.total("total"),
                ]
            ],
        ),
        Section(
            _("In-kind donations by valuation basis"),
            [_("Basis"), _("Lines"), *value_headers],
            [
                [
                    basis_label(b["basis"]),
                    b["lines"],
                    b["restricted"],
                    b["unrestricted"],
                    b["total"],
                ]
                for b in report.bases
            ],
        ),
        Section(
            _("Drives"),
            [
                _("Drive"),
                _("Use of the goods"),
                _("Deliveries"),
                _("Value"),
                _("Distributions"),
            ],
            [
                [
                    d["drive"].title(locale),
                    _("Restricted") if d["drive"].restricted else _("Unrestricted"),
                    d["deliveries"],
                    d["value"],
                    d["distributions"],
                ]
                for d in report.drives
            ],
        ),
        Section(
            _("Goods distributed by beneficiary"),
            [
                _("Recipient"),
                _("Drive"),
                _("Item"),
                _("Unit"),
                _("Distributions"),
                _("Quantity"),
            ],
            [
                [
                    recipient_name(g),
                    g["drive"].title(locale),
                    g["item"].name(locale),
                    g["item"].unit,
                    g["distributions"],
                    g["quantity"],
                ]
                for g in report.distributed
            ],
        ),
        Section(
            _("Service hours by project"),
            [_("Project or activity"), _("Volunteers"), _("Hours")],
            [[activity_name(a), a["volunteers"], a["hours"]] for a in report.hours]
            + [[_("Total"), report.volunteers_served, report.total_hours]],
        ),
        receipts_section(report.receipts),
    ]
