"""The drive report: goals against what was pledged, received, accepted, given out
and is left; intake over time; donors; value by basis; where goods went; rejected
goods; corrections. One grouped query per section, nothing summed in Python but
the grouped rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import aliased

from volunteer_hub.drives.models import Donor, Drive, DriveItem, Pledge, PledgeLine
from volunteer_hub.drives.models_stock import (
    Distribution,
    DistributionLine,
    Intake,
    IntakeLine,
    StockEntry,
)
from volunteer_hub.extensions import db
from volunteer_hub.reports.effective import effective_distribution, effective_intake
from volunteer_hub.reports.periods import (
    MAX_DAILY_BUCKETS,
    Period,
    bucket,
    day_keys,
    month_keys,
)

ZERO = Decimal("0.000")
CENTS = Decimal("0.00")
TOP_DONORS = 10


def qty(value) -> Decimal:
    return Decimal(value or 0).quantize(ZERO)


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENTS)


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
    receipts: dict | None = None

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


def _intake_scope(drive: Drive, period: Period) -> list:
    return [
        Intake.drive_id == drive.id,
        effective_intake(),
        *period.timestamp_filter(Intake.received_at),
    ]


def _distribution_scope(drive: Drive, period: Period) -> list:
    return [
        Distribution.drive_id == drive.id,
        effective_distribution(),
        *period.timestamp_filter(Distribution.distributed_at),
    ]


def _by_item(statement) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in db.session.execute(statement)}


def item_rows(drive: Drive, period: Period) -> list[ItemRow]:
    """Per item: goal, pledged, received, accepted, distributed, adjusted, on hand
    (at the end of the period) and the value of what was accepted."""
    intake = _by_item(
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
        .where(*_intake_scope(drive, period))
        .group_by(IntakeLine.drive_item_id)
    )
    pledged = _by_item(
        select(PledgeLine.drive_item_id, func.sum(PledgeLine.quantity))
        .join(Pledge, Pledge.id == PledgeLine.pledge_id)
        .where(
            Pledge.drive_id == drive.id,
            Pledge.cancelled_at.is_(None),
            *period.timestamp_filter(Pledge.created_at),
        )
        .group_by(PledgeLine.drive_item_id)
    )
    given = _by_item(
        select(DistributionLine.drive_item_id, func.sum(DistributionLine.quantity))
        .join(Distribution, Distribution.id == DistributionLine.distribution_id)
        .where(*_distribution_scope(drive, period))
        .group_by(DistributionLine.drive_item_id)
    )
    adjusted = _by_item(
        select(StockEntry.drive_item_id, func.sum(StockEntry.quantity))
        .where(
            StockEntry.drive_id == drive.id,
            StockEntry.kind == "adjustment",
            *period.timestamp_filter(StockEntry.created_at),
        )
        .group_by(StockEntry.drive_item_id)
    )
    stock_until = [StockEntry.created_at < period.utc_end] if period.end else []
    on_hand = _by_item(
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
        .where(*_intake_scope(drive, period))
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


def _kept_donor():
    """(original, kept) aliases: a merged donor counts as the record it went into."""
    original = aliased(Donor)
    kept = aliased(Donor)
    join = kept.id == func.coalesce(original.merged_into_id, original.id)
    return original, kept, join


def donor_kinds(drive: Drive, period: Period) -> list[dict]:
    """Per donor kind ("person", "organisation", None for unrecorded donors):
    donors, of them anonymous, deliveries and value."""
    original, kept, join = _kept_donor()
    anonymous = case((kept.show_publicly.is_(False), kept.id), else_=None)
    rows = db.session.execute(
        select(
            kept.kind,
            func.count(func.distinct(kept.id)),
            func.count(func.distinct(anonymous)),
            func.count(func.distinct(Intake.id)),
            func.sum(IntakeLine.valuation_amount),
        )
        .select_from(Intake)
        .outerjoin(original, original.id == Intake.donor_id)
        .outerjoin(kept, join)
        .outerjoin(IntakeLine, IntakeLine.intake_id == Intake.id)
        .where(*_intake_scope(drive, period))
        .group_by(kept.kind)
        .order_by(kept.kind)
    )
    return [
        {
            "kind": kind,
            "donors": int(donors),
            "anonymous": int(anon),
            "deliveries": int(deliveries),
            "value": money(total),
        }
        for kind, donors, anon, deliveries, total in rows
    ]


def top_donors(drive: Drive, period: Period, limit: int = TOP_DONORS) -> list[dict]:
    """The donors whose accepted goods are worth most; ``name`` is None for a donor
    who asked not to be named."""
    original, kept, join = _kept_donor()
    total = func.coalesce(func.sum(IntakeLine.valuation_amount), 0)
    rows = db.session.execute(
        select(
            kept.id,
            kept.name,
            kept.kind,
            kept.show_publicly,
            func.count(func.distinct(Intake.id)),
            total,
        )
        .select_from(Intake)
        .join(original, original.id == Intake.donor_id)
        .join(kept, join)
        .outerjoin(IntakeLine, IntakeLine.intake_id == Intake.id)
        .where(*_intake_scope(drive, period))
        .group_by(kept.id, kept.name, kept.kind, kept.show_publicly)
        .order_by(total.desc(), func.count(func.distinct(Intake.id)).desc(), kept.id)
        .limit(limit)
    )
    return [
        {
            "id": donor_id,
            "name": name if shown else None,
            "kind": kind,
            "deliveries": int(n),
            "value": money(v),
        }
        for donor_id, name, kind, shown, n, v in rows
    ]


def value_by_basis(drive: Drive, period: Period) -> list[tuple[str, int, Decimal]]:
    """(basis, accepted lines, value) for lines that accepted goods."""
    rows = db.session.execute(
        select(
            IntakeLine.valuation_basis,
            func.count(IntakeLine.id),
            func.sum(IntakeLine.valuation_amount),
        )
        .join(Intake, Intake.id == IntakeLine.intake_id)
        .where(*_intake_scope(drive, period), IntakeLine.quantity_accepted > 0)
        .group_by(IntakeLine.valuation_basis)
        .order_by(IntakeLine.valuation_basis)
    )
    return [(basis, int(n), money(v)) for basis, n, v in rows]


def destinations(drive: Drive, period: Period, items) -> list[dict]:
    """Per recipient and destination: distributions and quantity per item.

    Recipients not to be shown publicly are pooled as one row (``recipient`` None).
    """
    shown = Distribution.show_publicly
    recipient = case((shown, Distribution.recipient), else_=literal_column("''"))
    place = case((shown, Distribution.destination), else_=literal_column("''"))
    rows = db.session.execute(
        select(
            shown,
            recipient.label("recipient"),
            place.label("place"),
            DistributionLine.drive_item_id,
            func.count(func.distinct(Distribution.id)),
            func.sum(DistributionLine.quantity),
        )
        .join(Distribution, Distribution.id == DistributionLine.distribution_id)
        .where(*_distribution_scope(drive, period))
        .group_by(shown, recipient, place, DistributionLine.drive_item_id)
    )
    by_id = {item.id: item for item in items}
    grouped: dict[tuple, dict] = {}
    for is_shown, who, where, item_id, _n, quantity in rows:
        key = (bool(is_shown), who or "", where or "")
        entry = grouped.setdefault(
            key,
            {"recipient": who if is_shown else None, "destination": where, "lines": []},
        )
        entry["lines"].append((by_id[item_id], qty(quantity)))
    counts = _destination_counts(drive, period)
    for key, entry in grouped.items():
        entry["distributions"] = counts.get(key, 0)
        entry["lines"].sort(key=lambda line: line[0].id)
    return sorted(
        grouped.values(),
        key=lambda e: (e["recipient"] is None, e["recipient"] or "", e["destination"]),
    )


def _destination_counts(drive: Drive, period: Period) -> dict[tuple, int]:
    shown = Distribution.show_publicly
    recipient = case((shown, Distribution.recipient), else_=literal_column("''"))
    place = case((shown, Distribution.destination), else_=literal_column("''"))
    rows = db.session.execute(
        select(shown, recipient, place, func.count(Distribution.id))
        .where(*_distribution_scope(drive, period))
        .group_by(shown, recipient, place)
    )
    return {(bool(s), r or "", p or ""): int(n) for s, r, p, n in rows}


def rejected(drive: Drive, period: Period, items) -> list:
    """(item, reason, lines, quantity rejected) for goods turned away."""
    by_id = {item.id: item for item in items}
    rows = db.session.execute(
        select(
            IntakeLine.drive_item_id,
            IntakeLine.rejection_reason,
            func.count(IntakeLine.id),
            func.sum(IntakeLine.quantity_received - IntakeLine.quantity_accepted),
        )
        .join(Intake, Intake.id == IntakeLine.intake_id)
        .where(
            *_intake_scope(drive, period),
            IntakeLine.quantity_received > IntakeLine.quantity_accepted,
        )
        .group_by(IntakeLine.drive_item_id, IntakeLine.rejection_reason)
        .order_by(IntakeLine.drive_item_id, IntakeLine.rejection_reason)
    )
    return [(by_id[i], reason, int(n), qty(q)) for i, reason, n, q in rows]


def _corrections(drive: Drive, period: Period) -> dict:
    """Reversing intakes and distributions recorded in the period."""
    reversed_intakes = db.session.scalar(
        select(func.count(Intake.id)).where(
            Intake.drive_id == drive.id,
            Intake.reverses_id.is_not(None),
            *period.timestamp_filter(Intake.created_at),
        )
    )
    reversed_distributions = db.session.scalar(
        select(func.count(Distribution.id)).where(
            Distribution.drive_id == drive.id,
            Distribution.reverses_id.is_not(None),
            *period.timestamp_filter(Distribution.created_at),
        )
    )
    return {
        "reversed_intakes": int(reversed_intakes or 0),
        "reversed_distributions": int(reversed_distributions or 0),
    }


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
        **_corrections(drive, period),
    )
