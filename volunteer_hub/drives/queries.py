"""Per-item and overall progress of a drive, from SQL aggregates only.

A drive with tens of thousands of intake lines is summed by the database in a few
grouped queries; nothing here loads lines into Python.

The intake read helpers that receipts and reports import from here
(``accepted_lines``, ``donor_intakes`` …) live in ``intake/queries.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, func, select

from volunteer_hub.drives.distributions.models import Distribution, DistributionLine
from volunteer_hub.drives.intake.models import Intake, IntakeLine
from volunteer_hub.drives.intake.queries import (
    accepted_lines,
    donor_intakes,
    is_reversed,
    organisation_zone,
    reversal_of,
    year_bounds,
)
from volunteer_hub.drives.models import Donor, Drive, DriveItem, Pledge, PledgeLine
from volunteer_hub.drives.stock.models import StockEntry
from volunteer_hub.extensions import db

__all__ = [
    "ItemProgress",
    "accepted_lines",
    "donor_intakes",
    "is_reversed",
    "item_progress",
    "organisation_zone",
    "overall_percent",
    "reversal_of",
    "year_bounds",
]

ZERO = Decimal("0.000")
NO_MONEY = Decimal("0.00")


def _q(value) -> Decimal:
    return Decimal(value or 0).quantize(ZERO)


@dataclass
class ItemProgress:
    item: DriveItem
    goal: Decimal
    pledged_outstanding: Decimal = ZERO
    received: Decimal = ZERO
    accepted: Decimal = ZERO
    distributed: Decimal = ZERO
    on_hand: Decimal = ZERO
    # What the accepted goods are worth as valued at intake, and how many of
    # them carry no value (reversals subtract theirs from both).
    value: Decimal = NO_MONEY
    unvalued: Decimal = ZERO
    extra: dict = field(default_factory=dict)

    @property
    def still_needed(self) -> Decimal:
        return max(self.goal - self.accepted, ZERO) if self.item.is_goal else ZERO

    @property
    def reached(self) -> bool:
        return self.item.is_goal and self.goal > 0 and self.accepted >= self.goal

    @property
    def percent(self) -> int:
        """Accepted as a share of the goal, 0–100 (for the bar)."""
        if not self.item.is_goal or self.goal <= 0:
            return 0
        return int(min(self.accepted / self.goal, 1) * 100)


def _grouped(statement) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in db.session.execute(statement)}


# Per item: pledged outstanding, received, accepted, distributed, on hand,
# value and unvalued quantity: the fields of ItemProgress after the goal.
Sums = dict[int, tuple[Decimal, ...]]
NOTHING = (ZERO,) * 5 + (NO_MONEY, ZERO)


def item_progress(drive: Drive, sums: Sums | None = None) -> list[ItemProgress]:
    """Goal, pledged (outstanding), received, accepted, distributed, on hand and
    still needed for every item of ``drive``; goals first, by priority.

    ``sums`` are ``item_sums(drive)`` kept from earlier (pages that keep them
    under the drive's ``page_version``); by default they are summed now."""
    items = list(
        db.session.scalars(
            select(DriveItem)
            .where(DriveItem.drive_id == drive.id)
            .order_by(DriveItem.is_goal.desc(), DriveItem.priority, DriveItem.id)
        )
    )
    if sums is None:
        sums = item_sums(drive)
    return [
        ItemProgress(item, _q(item.target_quantity), *sums.get(item.id, NOTHING))
        for item in items
    ]


def item_sums(drive: Drive) -> Sums:
    """What ``item_progress`` adds up, per item, in a few grouped queries."""
    items = select(DriveItem.id).where(DriveItem.drive_id == drive.id)
    unvalued = case(
        (IntakeLine.valuation_amount.is_(None), IntakeLine.quantity_accepted),
        else_=0,
    )
    intake = _grouped(
        select(
            IntakeLine.drive_item_id,
            func.sum(IntakeLine.quantity_received),
            func.sum(IntakeLine.quantity_accepted),
            func.sum(IntakeLine.valuation_amount),
            func.sum(unvalued),
        )
        # By item, so the sums read only the covering index on item.
        .where(IntakeLine.drive_item_id.in_(items))
        .group_by(IntakeLine.drive_item_id)
    )
    stock = _grouped(
        select(StockEntry.drive_item_id, func.sum(StockEntry.quantity))
        .where(StockEntry.drive_id == drive.id)
        .group_by(StockEntry.drive_item_id)
    )
    given = _grouped(
        select(DistributionLine.drive_item_id, func.sum(DistributionLine.quantity))
        .join(Distribution)
        .where(Distribution.drive_id == drive.id)
        .group_by(DistributionLine.drive_item_id)
    )
    pledged = _outstanding_pledges(drive)
    item_ids = set(intake) | set(stock) | set(given) | set(pledged)
    sums = {}
    for item_id in item_ids:
        received, accepted, value, unvalued = intake.get(item_id, (0,) * 4)
        sums[item_id] = (
            _q(pledged.get(item_id)),
            _q(received),
            _q(accepted),
            _q(given.get(item_id, (0,))[0]),
            _q(stock.get(item_id, (0,))[0]),
            Decimal(value or 0).quantize(NO_MONEY),
            _q(unvalued),
        )
    return sums


def _outstanding_pledges(drive: Drive) -> dict[int, Decimal]:
    """Per item: pledged but not yet delivered, so no unit counts as both.

    A pledge line is reduced by what was delivered against it, and then by what
    its donor delivered of the same item without choosing a pledge, capped at
    what is left of that donor's pledges of the item."""
    pledged_left = _pledged_left(drive)
    if not pledged_left:
        return {}
    unmatched = _unmatched_deliveries(drive, {donor for donor, _item in pledged_left})
    outstanding: dict[int, Decimal] = {}
    for (donor_id, item_id), left in pledged_left.items():
        rest = max(_q(left) - _q(unmatched.get((donor_id, item_id))), ZERO)
        outstanding[item_id] = outstanding.get(item_id, ZERO) + rest
    return outstanding


# A donor merged into another counts as the one kept (merges are one level deep).
_DONOR = func.coalesce(Donor.merged_into_id, Donor.id)


def _pledged_left(drive: Drive) -> dict[tuple[int, int], Decimal]:
    """(donor, item) → what the donor's open pledges still expect of the item."""
    delivered = (
        select(
            IntakeLine.pledge_line_id.label("line_id"),
            func.sum(IntakeLine.quantity_accepted).label("done"),
        )
        .where(IntakeLine.pledge_line_id.is_not(None))
        .group_by(IntakeLine.pledge_line_id)
        .subquery()
    )
    left = PledgeLine.quantity - func.coalesce(delivered.c.done, 0)
    statement = (
        select(
            _DONOR,
            PledgeLine.drive_item_id,
            func.sum(case((left > 0, left), else_=0)),
        )
        .join(Pledge, Pledge.id == PledgeLine.pledge_id)
        .join(Donor, Donor.id == Pledge.donor_id)
        .outerjoin(delivered, delivered.c.line_id == PledgeLine.id)
        .where(Pledge.drive_id == drive.id, Pledge.cancelled_at.is_(None))
        .group_by(_DONOR, PledgeLine.drive_item_id)
    )
    return {(d, i): q for d, i, q in db.session.execute(statement)}


def _unmatched_deliveries(drive: Drive, donors: set[int]):
    """(donor, item) → accepted from a named donor with no pledge line chosen
    (reversals included, so a reversed delivery counts nothing), for ``donors``
    (kept records) only: the donors who pledged, not every line of the drive."""
    records = select(Donor.id).where(_DONOR.in_(donors))
    statement = (
        select(
            _DONOR,
            IntakeLine.drive_item_id,
            func.sum(IntakeLine.quantity_accepted),
        )
        .join(Intake, Intake.id == IntakeLine.intake_id)
        .join(Donor, Donor.id == Intake.donor_id)
        .where(
            Intake.drive_id == drive.id,
            Intake.donor_id.in_(records),
            IntakeLine.pledge_line_id.is_(None),
        )
        .group_by(_DONOR, IntakeLine.drive_item_id)
    )
    return {(d, i): q for d, i, q in db.session.execute(statement)}


def overall_percent(rows: list[ItemProgress]) -> int:
    """The average of the goals' capped percentages (units differ, so no sum)."""
    goals = [r for r in rows if r.item.is_goal and r.goal > 0]
    if not goals:
        return 0
    return int(sum(min(r.accepted / r.goal, 1) for r in goals) / len(goals) * 100)
