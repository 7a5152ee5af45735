"""Read helpers of intake (no writes here); receipts and reports use them.

- ``accepted_lines(intake)``: the lines with goods accepted, each with ``item``,
  ``quantity_accepted``, ``valuation_amount`` and ``valuation_basis``.
- ``donor_intakes(donor, drive=, year=)``: a donor's intakes, merged records included.
- ``reversal_of(intake)`` / ``is_reversed(intake)``.
- ``recent_intakes(drive)`` and ``with_lines(statement)`` for the staff lists.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from volunteer_hub.drives.donors.services import donor_ids
from volunteer_hub.drives.intake.models import Intake, IntakeLine
from volunteer_hub.drives.models import Donor, Drive
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import current_organisation


def reversal_of(intake: Intake) -> Intake | None:
    return db.session.scalar(select(Intake).where(Intake.reverses_id == intake.id))


def accepted_lines(intake: Intake) -> list[IntakeLine]:
    """The lines of ``intake`` with goods accepted (quantity > 0), each with its
    ``item``, ``valuation_amount`` (None when not valued) and ``valuation_basis``.
    Empty for a reversal."""
    return [line for line in intake.lines if line.quantity_accepted > 0]


def is_reversed(intake: Intake) -> bool:
    return reversal_of(intake) is not None


def organisation_zone() -> ZoneInfo:
    """The organisation's time zone (UTC before set-up or for an unknown name)."""
    org = current_organisation()
    try:
        return ZoneInfo(org.timezone if org else "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """1 January of ``year`` and of the next year, 00:00 in the organisation's
    time zone, as aware datetimes."""
    zone = organisation_zone()
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def donor_intakes(
    donor: Donor,
    *,
    drive: Drive | None = None,
    year: int | None = None,
    include_reversed=False,
) -> list[Intake]:
    """A donor's intakes (also those of records merged into it), oldest first.

    ``drive`` limits to one drive, ``year`` to intakes received in that calendar
    year in the organisation's time zone (a delivery on 31 December at 22:00 in
    Shanghai belongs to that year). Reversals and reversed intakes are left out
    unless ``include_reversed``.
    """
    statement = select(Intake).where(Intake.donor_id.in_(donor_ids(donor)))
    if drive is not None:
        statement = statement.where(Intake.drive_id == drive.id)
    if year is not None:
        start, end = year_bounds(year)
        statement = statement.where(
            Intake.received_at >= start, Intake.received_at < end
        )
    if not include_reversed:
        reversed_ids = select(Intake.reverses_id).where(Intake.reverses_id.is_not(None))
        # coalesce(): see public.queries.recent_donors on SQLite's choice of index.
        statement = statement.where(
            func.coalesce(Intake.reverses_id, 0) == 0, Intake.id.not_in(reversed_ids)
        )
    return list(db.session.scalars(statement.order_by(Intake.received_at, Intake.id)))


def with_lines(statement):
    """Load donors, lines and their items with the intakes (no query per row)."""
    return statement.options(
        joinedload(Intake.donor),
        selectinload(Intake.lines).joinedload(IntakeLine.item),
    )


def recent_intakes(drive: Drive, limit: int = 10) -> list[Intake]:
    return list(
        db.session.scalars(
            with_lines(select(Intake))
            .where(Intake.drive_id == drive.id)
            .order_by(Intake.id.desc())
            .limit(limit)
        ).unique()
    )
