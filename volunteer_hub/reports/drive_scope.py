"""What the drive report counts: its number formats and the rows in scope."""

from __future__ import annotations

from decimal import Decimal

from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.models_stock import (
    Distribution,
    Intake,
)
from volunteer_hub.extensions import db
from volunteer_hub.reports.effective import effective_distribution, effective_intake
from volunteer_hub.reports.periods import Period

ZERO = Decimal("0.000")
CENTS = Decimal("0.00")


def qty(value) -> Decimal:
    return Decimal(value or 0).quantize(ZERO)


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENTS)


def intake_scope(drive: Drive, period: Period) -> list:
    return [
        Intake.drive_id == drive.id,
        effective_intake(),
        *period.timestamp_filter(Intake.received_at),
    ]


def distribution_scope(drive: Drive, period: Period) -> list:
    return [
        Distribution.drive_id == drive.id,
        effective_distribution(),
        *period.timestamp_filter(Distribution.distributed_at),
    ]


def by_item(statement) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in db.session.execute(statement)}
