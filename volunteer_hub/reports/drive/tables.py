"""The drive report's tables and charts, declared once for screen, PDF and CSV.

Code columns in the CSV: the donor type (``kind_code``) of "Donors by type" and
"Top donors", the valuation basis (``basis_code``), the receipts' kind and the
summary's figures; items and units are the drive's own words and have none.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _

from volunteer_hub.drives.models import DONOR_KIND_LABELS
from volunteer_hub.drives.models_stock import VALUATION_BASIS_LABELS
from volunteer_hub.reports.charts import bar_chart, column_chart, nice_ceiling
from volunteer_hub.reports.drive.queries import DriveReport
from volunteer_hub.reports.tables import (
    MONEY,
    QUANTITY,
    TEXT,
    Table,
    code,
    facts,
    fmt_pct,
    money,
    percent,
    quantity,
    receipts_table,
    text,
)


def kind_label(kind) -> str:
    return str(DONOR_KIND_LABELS.get(kind, _("Not recorded")))


def basis_label(basis) -> str:
    return str(VALUATION_BASIS_LABELS.get(basis, basis))


def donor_name(entry: dict) -> str:
    return entry["name"] if entry["name"] is not None else _("Anonymous donor")


def recipient_name(entry: dict) -> str:
    if entry["recipient"] is None:
        return _("Recipients not named publicly")
    return entry["recipient"]


def report_charts(report: DriveReport) -> dict:
    locale = get_locale()
    goals = [row for row in report.items if row.item.is_goal and row.goal > 0]
    found = {}
    if goals:
        top = max([Decimal(100), *(r.percent for r in goals)])
        found["goals"] = bar_chart(
            [row.item.name(locale) for row in goals],
            [
                (_("Accepted as a share of the goal"), [r.percent for r in goals]),
                (
                    _("Distributed as a share of the goal"),
                    [r.distributed_percent for r in goals],
                ),
            ],
            title=_("Goals reached"),
            scale_max=nice_ceiling(top),
            fmt=fmt_pct,
        )
    if report.timeline:
        title = (
            _("Deliveries per day")
            if report.timeline_unit == "day"
            else _("Deliveries per month")
        )
        found["timeline"] = column_chart(
            [key for key, _n, _v in report.timeline],
            [n for _k, n, _v in report.timeline],
            title=title,
        )
    return found


def report_tables(report: DriveReport) -> dict[str, Table]:
    """Every table of the drive report, by id, in the order of the page."""
    found = [
        _summary(report),
        _items(report),
        _timeline(report),
        *_donors(report),
        *_values(report),
        _destinations(report),
        _rejected(report),
        receipts_table(report.receipts),
    ]
    return {table.key: table for table in found}


def restriction_code(drive) -> str:
    return "restricted" if drive.restricted else "unrestricted"


def use_of_goods(drive) -> str:
    """Restricted (with its purpose) or unrestricted."""
    if not drive.restricted:
        return _("Unrestricted")
    if drive.restricted_purpose:
        return f"{_('Restricted')}: {drive.restricted_purpose}"
    return _("Restricted")


def _about(drive) -> list[tuple]:
    figures = []
    if drive.beneficiary:
        figures.append(("beneficiary", _("Beneficiaries"), drive.beneficiary, TEXT))
    if drive.starts_on or drive.ends_on:
        dates = f"{drive.starts_on or ''} – {drive.ends_on or ''}"
        figures.append(("dates", _("Dates"), dates, TEXT))
    figures.append(("use", _("Use of the goods"), use_of_goods(drive), TEXT))
    if drive.partner_name:
        ref = f" ({drive.partner_filing_ref})" if drive.partner_filing_ref else ""
        partner = drive.partner_name + ref
        figures.append(("partner", _("Partner organisation"), partner, TEXT))
    return figures


def _summary(report: DriveReport) -> Table:
    return facts(
        "summary",
        _("Summary"),
        [
            *_about(report.drive),
            ("deliveries", _("Deliveries counted"), report.deliveries, QUANTITY),
            ("distributions", _("Distributions"), report.distributions, QUANTITY),
            (
                "total-value",
                _("Total value of accepted goods"),
                report.total_value,
                MONEY,
            ),
            (
                "reversed-intakes",
                _("Intakes reversed"),
                report.reversed_intakes,
                QUANTITY,
            ),
            (
                "reversed-distributions",
                _("Distributions reversed"),
                report.reversed_distributions,
                QUANTITY,
            ),
        ],
    )


def _goal(row):
    return row.goal if row.item.is_goal else None


def _share(row):
    return row.percent if row.item.is_goal and row.goal > 0 else None


def _items(report: DriveReport) -> Table:
    locale = get_locale()
    return Table.of(
        "items",
        _("Goods by item"),
        [
            text(_("Item"), lambda r: r.item.name(locale)),
            text(_("Unit"), lambda r: r.item.unit),
            quantity(_("Goal"), _goal),
            quantity(_("Pledged"), lambda r: r.pledged),
            quantity(_("Received"), lambda r: r.received),
            quantity(_("Accepted"), lambda r: r.accepted),
            quantity(_("Rejected"), lambda r: r.rejected),
            quantity(_("Distributed"), lambda r: r.distributed),
            quantity(_("Adjusted"), lambda r: r.adjusted),
            quantity(_("On hand"), lambda r: r.on_hand),
            money(_("Value"), lambda r: r.value),
            percent(_("Accepted as a share of the goal"), _share),
        ],
        report.items,
        mark=("item", lambda r: r.item.id),
    )


def _timeline(report: DriveReport) -> Table:
    daily = report.timeline_unit == "day"
    return Table.of(
        "timeline",
        _("Intake over time"),
        [
            text(_("Date") if daily else _("Month"), lambda r: r[0]),
            quantity(_("Deliveries"), lambda r: r[1]),
            money(_("Value"), lambda r: r[2]),
        ],
        [row for row in report.timeline if row[1]],
    )


def _donors(report: DriveReport) -> list[Table]:
    kinds = Table.of(
        "donor-kinds",
        _("Donors by type"),
        [
            text(_("Type"), lambda k: kind_label(k["kind"])),
            quantity(_("Donors"), lambda k: k["donors"]),
            quantity(_("Of them anonymous"), lambda k: k["anonymous"]),
            quantity(_("Deliveries"), lambda k: k["deliveries"]),
            money(_("Value"), lambda k: k["value"]),
        ],
        report.donor_kinds,
        codes=[code("kind", lambda k: k["kind"])],
    )
    top = Table.of(
        "top-donors",
        _("Top donors by value"),
        [
            text(_("Donor"), donor_name),
            text(_("Type"), lambda d: kind_label(d["kind"])),
            quantity(_("Deliveries"), lambda d: d["deliveries"]),
            money(_("Value"), lambda d: d["value"]),
        ],
        report.top_donors,
        codes=[code("kind", lambda d: d["kind"])],
    )
    return [kinds, top]


def _values(report: DriveReport) -> list[Table]:
    locale = get_locale()
    total = [(_("Total"), None, report.total_value)] if report.bases else []
    bases = Table.of(
        "bases",
        _("Value by valuation basis"),
        [
            text(_("Basis"), lambda b: basis_label(b[0])),
            quantity(_("Lines"), lambda b: b[1]),
            money(_("Value"), lambda b: b[2]),
        ],
        report.bases,
        footer=total,
        codes=[code("basis", lambda b: b[0])],
    )
    unvalued = Table.of(
        "not-valued",
        _("Accepted goods without a value"),
        [
            text(_("Item"), lambda e: e[0].name(locale)),
            text(_("Unit"), lambda e: e[0].unit),
            quantity(_("Quantity"), lambda e: e[1]),
        ],
        report.not_valued,
    )
    return [bases, unvalued]


def _destinations(report: DriveReport) -> Table:
    locale = get_locale()
    lines = [(e, item, q) for e in report.destinations for item, q in e["lines"]]
    return Table.of(
        "destinations",
        _("Where the goods went"),
        [
            text(_("Recipient"), lambda r: recipient_name(r[0])),
            text(_("Destination"), lambda r: r[0]["destination"]),
            quantity(_("Distributions"), lambda r: r[0]["distributions"]),
            text(_("Item"), lambda r: r[1].name(locale)),
            text(_("Unit"), lambda r: r[1].unit),
            quantity(_("Quantity"), lambda r: r[2]),
        ],
        lines,
    )


def _rejected(report: DriveReport) -> Table:
    locale = get_locale()
    return Table.of(
        "rejected",
        _("Rejected goods"),
        [
            text(_("Item"), lambda r: r[0].name(locale)),
            text(_("Unit"), lambda r: r[0].unit),
            text(_("Reason"), lambda r: r[1] or _("No reason given")),
            quantity(_("Lines"), lambda r: r[2]),
            quantity(_("Quantity"), lambda r: r[3]),
        ],
        report.rejected,
    )
