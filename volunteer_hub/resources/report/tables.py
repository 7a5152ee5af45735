"""The resource map's tables and charts, declared once for screen, PDF and CSV
(``volunteer_hub.reports.tables``); the annual summary shows ``summary_table``.

Code columns in the CSV: the contribution kind (``kind_code``), the partner type
(``type_code``), the money's source (``source_code``), the volunteers' level
(``level_code``) and the summaries' figures (``figure_code``).
"""

from __future__ import annotations

from flask_babel import gettext as _

from volunteer_hub.reports.charts import bar_chart
from volunteer_hub.reports.tables import (
    MONEY,
    PERCENT,
    QUANTITY,
    TEXT,
    Table,
    code,
    facts,
    fmt_money,
    money,
    quantity,
    text,
)
from volunteer_hub.resources.labels import (
    CONTRIBUTION_KIND_LABELS,
    HOUR_LEVEL_LABELS,
    OPPORTUNITY_KIND_LABELS,
    PARTNER_TYPE_LABELS,
)
from volunteer_hub.resources.report.figures import ResourceMap


def type_label(partner_type: str) -> str:
    return str(PARTNER_TYPE_LABELS.get(partner_type, partner_type))


def source_label(source: str) -> str:
    """Money from the government comes from purchases of services."""
    if source == "government":
        return str(OPPORTUNITY_KIND_LABELS["tender"])
    return type_label(source)


def report_tables(report: ResourceMap) -> dict[str, Table]:
    """Every table of the resource map, by id, in the order of the page."""
    found = [
        summary_table(report, _("Summary")),
        _kinds(report),
        _details(report),
        _types(report),
        _sources(report),
        _hours(report),
    ]
    return {table.key: table for table in found}


def summary_table(report: ResourceMap, title) -> Table:
    """The headline figures; the annual summary shows them under its own title."""
    leverage = report.leverage
    return facts(
        "resource-facts",
        title,
        [
            ("external", _("External resources"), report.external, MONEY),
            ("restricted-cash", _("Restricted money"), report.restricted_cash, MONEY),
            (
                "unrestricted-cash",
                _("Unrestricted money"),
                report.unrestricted_cash,
                MONEY,
            ),
            ("balance", _("Unrestricted minus restricted"), report.cash_balance, MONEY),
            (
                "restricted-share",
                _("Share of the money that is restricted"),
                report.restricted_percent,
                PERCENT,
            ),
            ("own", _("Own unrestricted money"), report.own_unrestricted, MONEY),
            ("own-restricted", _("Own restricted money"), report.own_restricted, MONEY),
            ("hours", _("Volunteer hours"), report.hours_total, QUANTITY),
            ("hours-value", _("Value of volunteer hours"), report.hours_value, MONEY),
            ("partners", _("Active partners"), report.active_partners, QUANTITY),
            (
                "leverage",
                _("Leverage: yuan from outside per yuan of own unrestricted money"),
                *(
                    (leverage, QUANTITY)
                    if leverage is not None
                    else (_("not computed: no own unrestricted money recorded"), TEXT)
                ),
            ),
        ],
    )


def _kinds(report: ResourceMap) -> Table:
    return Table.of(
        "resource-kinds",
        _("By kind"),
        [
            text(_("Kind"), lambda k: str(CONTRIBUTION_KIND_LABELS[k[0]])),
            quantity(_("Entries"), lambda k: k[1].entries),
            quantity(_("Quantity"), lambda k: k[1].quantity),
            money(_("Value"), lambda k: k[1].value),
        ],
        report.kinds.items(),
        mark=("kind", lambda k: k[0]),
        codes=[code("kind", lambda k: k[0])],
    )


def _details(report: ResourceMap) -> Table:
    goods, venue = report.kind("goods"), report.kind("venue")
    return facts(
        "resource-details",
        _("Goods, venues, transport and media"),
        [
            ("goods", _("Goods"), goods.value, MONEY),
            (
                "intake",
                _("Of them counted at drives' intake"),
                report.intake_goods,
                MONEY,
            ),
            (
                "deliveries",
                _("Deliveries at drives' intake"),
                report.intake_deliveries,
                QUANTITY,
            ),
            (
                "unvalued",
                _("Accepted lines without a value"),
                report.unvalued_goods_lines,
                QUANTITY,
            ),
            ("venues", _("Venues"), venue.entries, QUANTITY),
            ("venue-days", _("Venue days"), venue.quantity, QUANTITY),
            ("transport", _("Transport"), report.kind("transport").entries, QUANTITY),
            ("media", _("Media coverage"), report.kind("media").entries, QUANTITY),
        ],
    )


def _by_value(values: dict) -> list[tuple[str, object]]:
    return sorted(values.items(), key=lambda item: -item[1])


def _types(report: ResourceMap) -> Table:
    return Table.of(
        "resource-types",
        _("By partner type"),
        [
            text(_("Partner type"), lambda t: type_label(t[0])),
            money(_("Value"), lambda t: t[1]),
        ],
        _by_value(report.by_type),
        mark=("type", lambda t: t[0]),
        codes=[code("type", lambda t: t[0])],
    )


def _sources(report: ResourceMap) -> Table:
    return Table.of(
        "cash-sources",
        _("Money by source"),
        [
            text(_("Source"), lambda s: source_label(s[0])),
            money(_("Value"), lambda s: s[1]),
        ],
        report.cash_by_source.items(),
        mark=("source", lambda s: s[0]),
        codes=[code("source", lambda s: s[0])],
    )


def _hours(report: ResourceMap) -> Table:
    levels = [(k, *report.hours[k]) for k in HOUR_LEVEL_LABELS if k in report.hours]
    total = (None, report.hours_total, report.volunteers, report.hours_value)
    return Table.of(
        "resource-hours",
        _("Volunteer hours and their value"),
        [
            text(
                _("Level"),
                lambda h: str(HOUR_LEVEL_LABELS[h[0]]) if h[0] else _("Total"),
            ),
            quantity(_("Hours"), lambda h: h[1]),
            quantity(_("Volunteers"), lambda h: h[2]),
            money(_("Value"), lambda h: h[3]),
        ],
        levels,
        footer=[total] if report.hours else (),
        codes=[code("level", lambda h: h[0])],
    )


def report_charts(report: ResourceMap) -> dict:
    """One chart of value by kind, one by partner type, and one per kind."""
    charts = {}
    if report.kinds:
        charts["kinds"] = bar_chart(
            [str(CONTRIBUTION_KIND_LABELS[k]) for k in report.kinds],
            [(_("Value"), [f.value for f in report.kinds.values()])],
            title=_("Resources by kind"),
            fmt=fmt_money,
        )
    if report.by_type:
        ordered = _by_value(report.by_type)
        charts["types"] = bar_chart(
            [type_label(t) for t, _value in ordered],
            [(_("Value"), [value for _type, value in ordered])],
            title=_("Resources by partner type"),
            fmt=fmt_money,
        )
    charts["per_kind"] = {
        kind: bar_chart(
            [type_label(t) for t in figures.by_type],
            [(_("Value"), list(figures.by_type.values()))],
            title=str(CONTRIBUTION_KIND_LABELS[kind]),
            fmt=fmt_money,
        )
        for kind, figures in report.kinds.items()
        if figures.by_type
    }
    return charts
