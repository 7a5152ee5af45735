"""What the public drive page lists besides progress: donors and where goods went."""

from __future__ import annotations

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
