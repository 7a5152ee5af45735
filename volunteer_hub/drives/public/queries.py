"""What the public drive page shows besides progress: donors, where goods went and
what the goods received are worth."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from volunteer_hub.drives.distributions.models import Distribution
from volunteer_hub.drives.intake.models import Intake
from volunteer_hub.drives.models import Donor, Drive
from volunteer_hub.extensions import db


def recent_donors(drive: Drive, limit: int = 10) -> list[tuple[str | None, object]]:
    """(public name or None for anonymous, received_at) of the latest intakes,
    leaving out corrections and the intakes they reversed."""
    reversed_ids = select(Intake.reverses_id).where(Intake.reverses_id.is_not(None))
    rows = db.session.execute(
        select(Donor.name, Donor.show_publicly, Intake.received_at)
        .join(Donor, Donor.id == Intake.donor_id, isouter=True)
        .where(
            Intake.drive_id == drive.id,
            # Not "reverses_id IS NULL": SQLite would then scan the unique index
            # on reverses_id (every row matches) instead of drive and date.
            func.coalesce(Intake.reverses_id, 0) == 0,
            Intake.id.not_in(reversed_ids),
        )
        .order_by(Intake.received_at.desc(), Intake.id.desc())
        .limit(limit)
    )
    return [(name if shown else None, at) for name, shown, at in rows]


def where_goods_went(drive: Drive, limit: int = 20):
    """Public distributions (recipient, destination, date, {item id: quantity}),
    reversed ones left out."""
    reversed_ids = select(Distribution.reverses_id).where(
        Distribution.reverses_id.is_not(None)
    )
    distributions = list(
        db.session.scalars(
            select(Distribution)
            .where(
                Distribution.drive_id == drive.id,
                Distribution.show_publicly,
                Distribution.reverses_id.is_(None),
                Distribution.id.not_in(reversed_ids),
            )
            .order_by(Distribution.distributed_at.desc())
            .limit(limit)
        )
    )
    return distributions


# Under these rules a receipt describes goods without stating their value
# (``states_values`` in receipts/profiles.py, which drives may not import; a test
# keeps the two in step): the public page does not state one either.
UNVALUED_JURISDICTIONS = ("us",)


def states_values(org) -> bool:
    """Whether the organisation's rules let the public page state goods' value."""
    return org is None or org.jurisdiction not in UNVALUED_JURISDICTIONS


@dataclass(frozen=True)
class GoodsValue:
    total: Decimal
    # Some accepted goods carry no value (basis "not valued"), so are not counted.
    some_unvalued: bool


def goods_value(rows) -> GoodsValue:
    """What the goods accepted are worth from progress ``rows`` (``value`` is
    summed per item with the other figures); zero when none carries a value."""
    return GoodsValue(
        sum((r.value for r in rows), Decimal("0.00")),
        any(r.unvalued > 0 for r in rows),
    )
