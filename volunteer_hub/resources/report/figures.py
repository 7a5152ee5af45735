"""The resource map: what the organisation mobilised in a period, by kind and by
partner type, with the leverage of its own unrestricted money.

Figures come from ``queries.py``; this module only adds them up. External
resources are everything given by partners and the public (valued goods and
services, money) plus the value of volunteers' hours; the organisation's own
money (contributions without a partner) is kept apart, and the leverage is
external resources per yuan of own unrestricted money.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from volunteer_hub.resources.labels import CASH_KINDS, CONTRIBUTION_KIND_LABELS
from volunteer_hub.resources.report import queries

ZERO = Decimal("0.00")
CASH_SOURCES = ("government", "foundation", "enterprise", "public")


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(ZERO)


def cash_source(partner_type: str) -> str:
    """Government purchase, foundation, enterprise, or the public (everyone else)."""
    return partner_type if partner_type in CASH_SOURCES[:3] else "public"


@dataclass
class KindFigures:
    entries: int = 0
    quantity: Decimal = Decimal(0)
    value: Decimal = ZERO
    by_type: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))


@dataclass
class ResourceMap:
    period: object
    kinds: dict = field(default_factory=dict)  # kind -> KindFigures
    by_type: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))
    cash_by_source: dict = field(default_factory=dict)
    restricted_cash: Decimal = ZERO
    unrestricted_cash: Decimal = ZERO
    own_restricted: Decimal = ZERO
    own_unrestricted: Decimal = ZERO
    intake_goods: Decimal = ZERO
    intake_deliveries: int = 0
    unvalued_goods_lines: int = 0
    hours: dict = field(default_factory=dict)  # level -> (hours, volunteers, value)
    active_partners: int = 0

    @property
    def cash_balance(self) -> Decimal:
        """Unrestricted minus restricted external money."""
        return self.unrestricted_cash - self.restricted_cash

    @property
    def restricted_percent(self) -> Decimal:
        total = self.restricted_cash + self.unrestricted_cash
        return (
            (self.restricted_cash * 100 / total).quantize(Decimal("0.1"))
            if total
            else Decimal(0)
        )

    @property
    def hours_total(self) -> Decimal:
        return sum((h for h, _n, _v in self.hours.values()), Decimal(0))

    @property
    def hours_value(self) -> Decimal:
        return money(sum((v for _h, _n, v in self.hours.values()), ZERO))

    @property
    def volunteers(self) -> int:
        return sum(n for _h, n, _v in self.hours.values())

    @property
    def external(self) -> Decimal:
        """Every valued resource from outside, volunteers' time included."""
        given = sum((k.value for k in self.kinds.values()), ZERO)
        return money(given + self.hours_value)

    @property
    def leverage(self) -> Decimal | None:
        if self.own_unrestricted <= 0:
            return None
        return (self.external / self.own_unrestricted).quantize(Decimal("0.01"))

    def kind(self, name: str) -> KindFigures:
        return self.kinds.get(name) or KindFigures()


def _add_contributions(report: ResourceMap) -> None:
    for kind, source, restricted, entries, value, quantity in queries.contribution_rows(
        report.period
    ):
        value = money(value)
        if source == queries.OWN:
            if restricted:
                report.own_restricted += value
            else:
                report.own_unrestricted += value
            continue
        figures = report.kinds.setdefault(kind, KindFigures())
        figures.entries += int(entries)
        figures.quantity += Decimal(quantity or 0)
        figures.value += value
        figures.by_type[source] += value
        report.by_type[source] += value
        if kind in CASH_KINDS:
            key = cash_source(source)
            report.cash_by_source[key] = report.cash_by_source.get(key, ZERO) + value
            if restricted:
                report.restricted_cash += value
            else:
                report.unrestricted_cash += value


def _add_intake(report: ResourceMap) -> None:
    for source, _restricted, deliveries, value, unvalued in queries.intake_goods_rows(
        report.period
    ):
        value = money(value)
        figures = report.kinds.setdefault("goods", KindFigures())
        figures.entries += int(deliveries)
        figures.value += value
        figures.by_type[source] += value
        report.by_type[source] += value
        report.intake_goods += value
        report.intake_deliveries += int(deliveries)
        report.unvalued_goods_lines += int(unvalued or 0)


def _add_hours(report: ResourceMap) -> None:
    rates = queries.hour_rates()
    for level, hours, volunteers in queries.hours_by_level(report.period):
        hours = Decimal(hours or 0)
        value = money(hours * Decimal(rates.get(level) or 0))
        report.hours[level] = (hours, int(volunteers), value)


def resource_map(period) -> ResourceMap:
    """Every figure of the resource map for ``period`` (a reports Period)."""
    report = ResourceMap(period=period)
    report.cash_by_source = {key: ZERO for key in CASH_SOURCES}
    _add_contributions(report)
    _add_intake(report)
    _add_hours(report)
    report.active_partners = queries.active_partners(period)
    report.kinds = {
        kind: report.kinds[kind]
        for kind in CONTRIBUTION_KIND_LABELS
        if kind in report.kinds
    }
    return report
