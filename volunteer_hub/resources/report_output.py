"""The resource map's charts and CSV sections, in the reader's language; the
same rows feed the page, the PDF and the CSV."""

from __future__ import annotations

from flask_babel import gettext as _

from volunteer_hub.reports.charts import bar_chart
from volunteer_hub.reports.csv_export import Section
from volunteer_hub.reports.output import fmt_money
from volunteer_hub.resources.labels import (
    CONTRIBUTION_KIND_LABELS,
    HOUR_LEVEL_LABELS,
    PARTNER_TYPE_LABELS,
)
from volunteer_hub.resources.report import ResourceMap

SOURCE_LABELS = {
    "government": PARTNER_TYPE_LABELS["government"],
    "foundation": PARTNER_TYPE_LABELS["foundation"],
    "enterprise": PARTNER_TYPE_LABELS["enterprise"],
    "public": PARTNER_TYPE_LABELS["public"],
}


def type_label(partner_type: str) -> str:
    return str(PARTNER_TYPE_LABELS.get(partner_type, partner_type))


def kind_rows(report: ResourceMap) -> list[list]:
    return [
        [str(CONTRIBUTION_KIND_LABELS[kind]), f.entries, f.quantity, f.value]
        for kind, f in report.kinds.items()
    ]


def type_rows(report: ResourceMap) -> list[list]:
    ordered = sorted(report.by_type.items(), key=lambda item: -item[1])
    return [[type_label(kind), value] for kind, value in ordered]


def hour_rows(report: ResourceMap) -> list[list]:
    return [
        [str(HOUR_LEVEL_LABELS[level]), *report.hours[level]]
        for level in HOUR_LEVEL_LABELS
        if level in report.hours
    ]


def summary_rows(report: ResourceMap) -> list[list]:
    leverage = report.leverage
    return [
        [_("External resources"), report.external],
        [_("Restricted money"), report.restricted_cash],
        [_("Unrestricted money"), report.unrestricted_cash],
        [_("Unrestricted minus restricted"), report.cash_balance],
        [_("Own unrestricted money"), report.own_unrestricted],
        [_("Own restricted money"), report.own_restricted],
        [_("Volunteer hours"), report.hours_total],
        [_("Value of volunteer hours"), report.hours_value],
        [_("Active partners"), report.active_partners],
        [_("Leverage"), leverage if leverage is not None else _("not computed")],
    ]


def resource_sections(report: ResourceMap) -> list[Section]:
    return [
        Section(_("Summary"), [_("Figure"), _("Value")], summary_rows(report)),
        Section(
            _("By kind"),
            [_("Kind"), _("Entries"), _("Quantity"), _("Value")],
            kind_rows(report),
        ),
        Section(
            _("By partner type"), [_("Partner type"), _("Value")], type_rows(report)
        ),
        Section(
            _("Money by source"),
            [_("Source"), _("Value")],
            [[str(SOURCE_LABELS[k]), v] for k, v in report.cash_by_source.items()],
        ),
        Section(
            _("Volunteer hours by level"),
            [_("Level"), _("Hours"), _("Volunteers"), _("Value")],
            hour_rows(report),
        ),
    ]


def resource_charts(report: ResourceMap) -> dict:
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
        rows = type_rows(report)
        charts["types"] = bar_chart(
            [r[0] for r in rows],
            [(_("Value"), [r[1] for r in rows])],
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
