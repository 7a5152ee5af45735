"""The annual summary's tables and charts, declared once for screen, PDF and CSV.

Code columns in the CSV: the valuation basis (``basis_code``), each drive's use
of the goods (``restriction_code``: "restricted" or "unrestricted", the split
the inspection asks for), the receipts' kind and the summaries' figures.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from volunteer_hub.reports.annual.queries import AnnualReport
from volunteer_hub.reports.charts import bar_chart, column_chart
from volunteer_hub.reports.drive.tables import (
    basis_label,
    recipient_name,
    restriction_code,
    use_of_goods,
)
from volunteer_hub.reports.people.tables import activity_name
from volunteer_hub.reports.tables import (
    MONEY,
    QUANTITY,
    Table,
    code,
    facts,
    fmt_money,
    money,
    quantity,
    receipts_table,
    text,
)
from volunteer_hub.resources.report.tables import summary_table


def report_charts(report: AnnualReport) -> dict:
    found = {
        "months": column_chart(
            [m["month"][5:] for m in report.months],
            [m["total"] for m in report.months],
            title=_("In-kind donations by month"),
            fmt=fmt_money,
        )
    }
    if report.hours:
        shown = report.hours[:15]
        found["hours"] = bar_chart(
            [activity_name(a) for a in shown],
            [(_("Hours"), [a["hours"] for a in shown])],
            title=_("Service hours by project"),
        )
    return found


def report_tables(report: AnnualReport) -> dict[str, Table]:
    """Every table of the annual summary, by id, in the order of the page."""
    found = [
        _summary(report),
        *_value(report),
        _drives(report),
        _distributed(report),
        _hours(report),
        receipts_table(report.receipts),
        summary_table(report.resources, _("Resources mobilised")),
    ]
    return {table.key: table for table in found}


def _summary(report: AnnualReport) -> Table:
    return facts(
        "summary",
        _("In-kind donations received"),
        [
            ("restricted", _("Restricted"), report.total("restricted"), MONEY),
            ("unrestricted", _("Unrestricted"), report.total("unrestricted"), MONEY),
            ("total", _("Total"), report.total("total"), MONEY),
            (
                "unvalued",
                _("Accepted lines without a value"),
                report.unvalued_lines,
                QUANTITY,
            ),
        ],
    )


def _split_columns() -> list:
    return [
        money(_("Restricted"), lambda r: r["restricted"]),
        money(_("Unrestricted"), lambda r: r["unrestricted"]),
        money(_("Total"), lambda r: r["total"]),
    ]


def _value(report: AnnualReport) -> list[Table]:
    total = {
        "month": _("Total"),
        "deliveries": sum(m["deliveries"] for m in report.months),
        **{key: report.total(key) for key in ("restricted", "unrestricted", "total")},
    }
    months = Table.of(
        "months",
        _("In-kind donations by month"),
        [
            text(_("Month"), lambda m: m["month"]),
            quantity(_("Deliveries"), lambda m: m["deliveries"]),
            *_split_columns(),
        ],
        report.months,
        footer=[total],
    )
    bases = Table.of(
        "annual-bases",
        _("In-kind donations by valuation basis"),
        [
            text(_("Basis"), lambda b: basis_label(b["basis"])),
            quantity(_("Lines"), lambda b: b["lines"]),
            *_split_columns(),
        ],
        report.bases,
        codes=[code("basis", lambda b: b["basis"])],
    )
    return [months, bases]


def _drives(report: AnnualReport) -> Table:
    locale = get_locale()
    return Table.of(
        "annual-drives",
        _("Drives"),
        [
            text(_("Drive"), lambda d: d["drive"].title(locale)),
            text(_("Use of the goods"), lambda d: use_of_goods(d["drive"])),
            quantity(_("Deliveries"), lambda d: d["deliveries"]),
            money(_("Value"), lambda d: d["value"]),
            quantity(_("Distributions"), lambda d: d["distributions"]),
        ],
        report.drives,
        codes=[code("restriction", lambda d: restriction_code(d["drive"]))],
    )


def _distributed(report: AnnualReport) -> Table:
    locale = get_locale()
    return Table.of(
        "annual-distributed",
        _("Goods distributed by beneficiary"),
        [
            text(_("Recipient"), recipient_name),
            text(_("Drive"), lambda g: g["drive"].title(locale)),
            text(_("Item"), lambda g: g["item"].name(locale)),
            text(_("Unit"), lambda g: g["item"].unit),
            quantity(_("Distributions"), lambda g: g["distributions"]),
            quantity(_("Quantity"), lambda g: g["quantity"]),
        ],
        report.distributed,
    )


def _hours(report: AnnualReport) -> Table:
    total = {
        "project": None,
        "description": _("Total"),
        "volunteers": report.volunteers_served,
        "hours": report.total_hours,
    }
    return Table.of(
        "annual-hours",
        _("Service hours by project"),
        [
            text(_("Project or activity"), activity_name),
            quantity(_("Volunteers"), lambda a: a["volunteers"]),
            quantity(_("Hours"), lambda a: a["hours"]),
        ],
        report.hours,
        footer=[total],
    )
