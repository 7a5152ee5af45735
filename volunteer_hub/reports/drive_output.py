"""The drive report's charts and CSV sections, in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _

from volunteer_hub.drives.models import DONOR_KIND_LABELS
from volunteer_hub.drives.models_stock import VALUATION_BASIS_LABELS
from volunteer_hub.reports.charts import bar_chart, column_chart, nice_ceiling
from volunteer_hub.reports.csv_export import Section
from volunteer_hub.reports.drive_report import DriveReport
from volunteer_hub.reports.output import fmt_pct


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


def drive_charts(report: DriveReport) -> dict:
    locale = get_locale()
    goals = [row for row in report.items if row.item.is_goal and row.goal > 0]
    charts = {}
    if goals:
        top = max([Decimal(100), *(r.percent for r in goals)])
        charts["goals"] = bar_chart(
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
        charts["timeline"] = column_chart(
            [key for key, _n, _v in report.timeline],
            [n for _k, n, _v in report.timeline],
            title=title,
        )
    return charts


def drive_sections(report: DriveReport) -> list[Section]:
    locale = get_locale()
    items = Section(
        _("Goods by item"),
        [
            _("Item"),
            _("Unit"),
            _("Goal"),
            _("Pledged"),
            _("Received"),
            _("Accepted"),
            _("Rejected"),
            _("Distributed"),
            _("Adjusted"),
            _("On hand"),
            _("Value"),
        ],
        [
            [
                r.item.name(locale),
                r.item.unit,
                r.goal if r.item.is_goal else None,
                r.pledged,
                r.received,
                r.accepted,
                r.rejected,
                r.distributed,
                r.adjusted,
                r.on_hand,
                r.value,
            ]
            for r in report.items
        ],
    )
    timeline = Section(
        _("Intake over time"),
        [_("Date"), _("Deliveries"), _("Value")],
        [list(row) for row in report.timeline],
    )
    kinds = Section(
        _("Donors by type"),
        [_("Type"), _("Donors"), _("Of them anonymous"), _("Deliveries"), _("Value")],
        [
            [
                kind_label(k["kind"]),
                k["donors"],
                k["anonymous"],
                k["deliveries"],
                k["value"],
            ]
            for k in report.donor_kinds
        ],
    )
    top = Section(
        _("Top donors"),
        [_("Donor"), _("Type"), _("Deliveries"), _("Value")],
        [
            [donor_name(d), kind_label(d["kind"]), d["deliveries"], d["value"]]
            for d in report.top_donors
        ],
    )
    return [items, timeline, kinds, top, *_value_sections(report), *_out(report)]


def _value_sections(report: DriveReport) -> list[Section]:
    locale = get_locale()
    bases = Section(
        _("Value by valuation basis"),
        [_("Basis"), _("Lines"), _("Value")],
        [[basis_label(b), n, v] for b, n, v in report.bases],
    )
    unvalued = Section(
        _("Accepted goods without a value"),
        [_("Item"), _("Unit"), _("Quantity")],
        [[item.name(locale), item.unit, q] for item, q in report.not_valued],
    )
    return [bases, unvalued]


def _out(report: DriveReport) -> list[Section]:
    locale = get_locale()
    went = Section(
        _("Where the goods went"),
        [
            _("Recipient"),
            _("Destination"),
            _("Distributions"),
            _("Item"),
            _("Unit"),
            _("Quantity"),
        ],
        [
            [
                recipient_name(e),
                e["destination"],
                e["distributions"],
                item.name(locale),
                item.unit,
                q,
            ]
            for e in report.destinations
            for item, q in e["lines"]
        ],
    )
    rejected = Section(
        _("Rejected goods"),
        [_("Item"), _("Unit"), _("Reason"), _("Lines"), _("Quantity")],
        [
            [item.name(locale), item.unit, reason, n, q]
            for item, reason, n, q in report.rejected
        ],
    )
    counts = Section(
        _("Deliveries and corrections"),
        [_("What"), _("Count")],
        [
            [_("Deliveries counted"), report.deliveries],
            [_("Distributions"), report.distributions],
            [_("Intakes reversed"), report.reversed_intakes],
            [_("Distributions reversed"), report.reversed_distributions],
        ],
    )
    return [went, rejected, counts, receipts_section(report.receipts)]


def receipts_section(receipts: list[dict]) -> Section:
    return Section(
        _("Receipts issued and voided"),
        [
            _("Kind"),
            _("Number issued"),
            _("Of them replacements"),
            _("Still valid"),
            _("Voided"),
            _("Of them replaced"),
        ],
        [
            [
                str(r["label"]),
                r["issued"],
                r["replacements"],
                r["valid"],
                r["voided"],
                r["replaced"],
            ]
            for r in receipts
        ],
    )
