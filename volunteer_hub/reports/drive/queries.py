"""The drive report: goals against what was pledged, received, accepted, given out
and is left; intake over time; donors; value by basis; where goods went; rejected
goods; corrections. One grouped query per section, nothing summed in Python but
the grouped rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select

from volunteer_hub.drives.models import Drive, DriveItem, Pledge, PledgeLine
from volunteer_hub.drives.models_stock import (
    Distribution,
    DistributionLine,
    Intake,
    IntakeLine,
    StockEntry,
)
from volunteer_hub.extensions import db
from volunteer_hub.reports.drive.breakdown import (
    corrections,
    destinations,
    donor_kinds,
    rejected,
    top_donors,
    value_by_basis,
)
from volunteer_hub.reports.periods import (
    MAX_DAILY_BUCKETS,
    Period,
    bucket,
    day_keys,
    month_keys,
)
from volunteer_hub.reports.queries import (
    CENTS,
    ZERO,
    by_item,
    distribution_scope,
    intake_scope,
    money,
    qty,
    receipt_counts,
)


@dataclass
class ItemRow:
    item: DriveItem
    goal: Decimal
    pledged: Decimal = ZERO
    received: Decimal = ZERO
    accepted: Decimal = ZERO
    distributed: Decimal = ZERO
    adjusted: Decimal = ZERO
    on_hand: Decimal = ZERO
    value: Decimal = CENTS
    # Accepted but without a value (basis "not valued").
    not_valued: Decimal = ZERO

    @property
    def rejected(self) -> Decimal:
        return self.received - self.accepted

    @property
    def percent(self) -> Decimal:
        """Accepted as a percentage of the goal (0 without a goal), uncapped."""
        if not self.item.is_goal or self.goal <= 0:
            return Decimal(0)
        return (self.accepted * 100 / self.goal).quantize(Decimal("0.1"))

    @property
    def distributed_percent(self) -> Decimal:
        if not self.item.is_goal or self.goal <= 0:
            return Decimal(0)
        return (self.distributed * 100 / self.goal).quantize(Decimal("0.1"))


@dataclass
class DriveReport:
    drive: Drive
    period: Period
    items: list[ItemRow] = field(default_factory=list)
    timeline_unit: str = "day"
    timeline: list[tuple[str, int, Decimal]] = field(default_factory=list)
    donor_kinds: list[dict] = field(default_factory=list)
    top_donors: list[dict] = field(default_factory=list)
    bases: list[tuple[str, int, Decimal]] = field(default_factory=list)
    not_valued: list[tuple[DriveItem, Decimal]] = field(default_factory=list)
    destinations: list[dict] = field(default_factory=list)
    rejected: list[tuple[DriveItem, str, int, Decimal]] = field(default_factory=list)
    deliveries: int = 0
    distributions: int = 0
    reversed_intakes: int = 0
    reversed_distributions: int = 0
    receipts: list[dict] = field(default_factory=list)

    @property
    def total_value(self) -> Decimal:
        return money(sum((value for _b, _n, value in self.bases), CENTS))


def _items(drive: Drive) -> list[DriveItem]:
    return list(
        db.session.scalars(
            select(DriveItem)
            .where(DriveItem.drive_id == drive.id)
            .order_by(DriveItem.is_goal.desc(), DriveItem.priority, DriveItem.id)
        )
    )


def item_rows(drive: Drive, period: Period) -> list[ItemRow]:
    """Per item: goal, pledged, received, accepted, distributed, adjusted, on hand
    (at the end of the period) and the value of what was accepted."""
    intake = by_item(
        select(
            IntakeLine.drive_item_id,
            func.sum(IntakeLine.quantity_received),
            func.sum(IntakeLine.quantity_accepted),
            func.sum(IntakeLine.valuation_amount),
            func.sum(
                case(
                    (
                        IntakeLine.valuation_amount.is_(None),
                        IntakeLine.quantity_accepted,
                    ),
                    else_=0,
                )
            ),
        )
        .join(Intake, Intake.id == IntakeLine.intake_id)
        .where(*intake_scope(drive, period))
        .group_by(IntakeLine.drive_item_id)
    )
    pledged = by_item(
        select(PledgeLine.drive_item_id, func.sum(PledgeLine.quantity))
        .join(Pledge, Pledge.id == PledgeLine.pledge_id)
        .where(
            Pledge.drive_id == drive.id,
            Pledge.cancelled_at.is_(None),
            *period.timestamp_filter(Pledge.created_at),
        )
        .group_by(PledgeLine.drive_item_id)
    )
    given = by_item(
        select(DistributionLine.drive_item_id, func.sum(DistributionLine.quantity))
        .join(Distribution, Distribution.id == DistributionLine.distribution_id)
        .where(*distribution_scope(drive, period))
        .group_by(DistributionLine.drive_item_id)
    )
    adjusted = by_item(
        select(StockEntry.drive_item_id, func.sum(StockEntry.quantity))
        .where(
            StockEntry.drive_id == drive.id,
            StockEntry.kind == "adjustment",
            *period.timestamp_filter(StockEntry.created_at),
        )
        .group_by(StockEntry.drive_item_id)
    )
    stock_until = [StockEntry.created_at < period.utc_end] if period.end else []
    on_hand = by_item(
        select(StockEntry.drive_item_id, func.sum(StockEntry.quantity))
        .where(StockEntry.drive_id == drive.id, *stock_until)
        .group_by(StockEntry.drive_item_id)
    )
    rows = []
    for item in _items(drive):
        received, accepted, value, unvalued = intake.get(item.id, (0, 0, 0, 0))
        rows.append(
            ItemRow(
                item=item,
                goal=qty(item.target_quantity),
                pledged=qty(pledged.get(item.id, (0,))[0]),
                received=qty(received),
                accepted=qty(accepted),
                distributed=qty(given.get(item.id, (0,))[0]),
                adjusted=qty(adjusted.get(item.id, (0,))[0]),
                on_hand=qty(on_hand.get(item.id, (0,))[0]),
                value=money(value),
                not_valued=qty(unvalued),
            )
        )
    return rows


def timeline(drive: Drive, period: Period) -> tuple[str, list]:
    """("day"|"month", [(key, deliveries, value)]) with every bucket, zeros too.

    One query groups by local day; beyond 92 days the grouped days are added up
    into months (each delivery lies in exactly one day, so counts stay exact).
    """
    key = bucket(Intake.received_at, "day", period.offset_minutes()).label("key")
    rows = db.session.execute(
        select(
            key,
            func.count(func.distinct(Intake.id)),
            func.sum(IntakeLine.valuation_amount),
        )
        .select_from(Intake)
        .outerjoin(IntakeLine, IntakeLine.intake_id == Intake.id)
        .where(*intake_scope(drive, period))
        .group_by(key)
    )
    found = {k: (int(n), money(v)) for k, n, v in rows}
    first = period.start or (date.fromisoformat(min(found)) if found else None)
    last = period.end or (date.fromisoformat(max(found)) if found else None)
    if first is None or last is None or last < first:
        return "day", []
    if (last - first).days < MAX_DAILY_BUCKETS:
        return "day", [(k, *found.get(k, (0, CENTS))) for k in day_keys(first, last)]
    months: dict[str, list] = {k: [0, CENTS] for k in month_keys(first, last)}
    for day, (n, value) in found.items():
        months[day[:7]][0] += n
        months[day[:7]][1] += value
    return "month", [(k, n, money(v)) for k, (n, v) in months.items()]


def drive_report(drive: Drive, period: Period | None = None) -> DriveReport:
    """Everything the drive report shows, for the whole drive or a period."""
    period = period or Period()
    items = item_rows(drive, period)
    plain_items = [row.item for row in items]
    unit, days = timeline(drive, period)
    places = destinations(drive, period, plain_items)
    return DriveReport(
        drive=drive,
        period=period,
        items=items,
        timeline_unit=unit,
        timeline=days,
        donor_kinds=donor_kinds(drive, period),
        top_donors=top_donors(drive, period),
        bases=value_by_basis(drive, period),
        not_valued=[(r.item, r.not_valued) for r in items if r.not_valued > 0],
        destinations=places,
        rejected=rejected(drive, period, plain_items),
        # Each delivery lies in one day, each distribution in one destination.
        deliveries=sum(n for _key, n, _value in days),
        distributions=sum(place["distributions"] for place in places),
        receipts=receipt_counts(period, drive=drive),
        **corrections(drive, period),
    )
