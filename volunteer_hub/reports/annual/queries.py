"""The annual summary: what the organisation received, gave out and did in a year.

In-kind donations are the accepted goods at the value recorded at intake (fair
value, by basis), split by the drive's restriction; goods out are distributions;
service hours come from the volunteer report's approved hours; the resources
mobilised are the resource map's figures for the year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, case, func, literal_column, or_, select

from volunteer_hub.drives.models import Drive, DriveItem
from volunteer_hub.drives.models_stock import (
    Distribution,
    DistributionLine,
    Intake,
    IntakeLine,
)
from volunteer_hub.extensions import db
from volunteer_hub.reports.people.hours import VolunteerFilters, by_activity, totals
from volunteer_hub.reports.periods import Period, bucket, month_keys
from volunteer_hub.reports.queries import (
    CENTS,
    effective_distribution,
    effective_intake,
    money,
    qty,
    receipt_counts,
)
from volunteer_hub.resources.report.figures import ResourceMap, resource_map


@dataclass
class AnnualReport:
    year: int
    period: Period
    months: list[dict] = field(default_factory=list)
    bases: list[dict] = field(default_factory=list)
    unvalued_lines: int = 0
    drives: list[dict] = field(default_factory=list)
    distributed: list[dict] = field(default_factory=list)
    hours: list[dict] = field(default_factory=list)
    total_hours: Decimal = Decimal("0.00")
    volunteers_served: int = 0
    receipts: list[dict] = field(default_factory=list)
    resources: ResourceMap | None = None

    def total(self, key: str) -> Decimal:
        return money(sum((m[key] for m in self.months), CENTS))


def _accepted(period: Period) -> list:
    return [
        effective_intake(),
        IntakeLine.quantity_accepted > 0,
        *period.timestamp_filter(Intake.received_at),
    ]


def _split(value_column):
    """(restricted, unrestricted) sums of ``value_column`` by the drive's flag."""
    return (
        func.sum(case((Drive.restricted.is_(True), value_column), else_=0)),
        func.sum(case((Drive.restricted.is_(True), 0), else_=value_column)),
    )


def monthly_value(period: Period) -> list[dict]:
    """Per month: value of accepted goods, restricted and unrestricted, and the
    number of deliveries that brought them."""
    key = bucket(Intake.received_at, "month", period.offset_minutes()).label("m")
    restricted, unrestricted = _split(IntakeLine.valuation_amount)
    rows = db.session.execute(
        select(key, restricted, unrestricted, func.count(func.distinct(Intake.id)))
        .select_from(IntakeLine)
        .join(Intake, Intake.id == IntakeLine.intake_id)
        .join(Drive, Drive.id == Intake.drive_id)
        .where(*_accepted(period))
        .group_by(key)
    )
    found = {m: (money(r), money(u), int(n)) for m, r, u, n in rows}
    months = []
    for month in month_keys(period.start, period.end):
        r, u, n = found.get(month, (CENTS, CENTS, 0))
        months.append(
            {
                "month": month,
                "restricted": r,
                "unrestricted": u,
                "total": money(r + u),
                "deliveries": n,
            }
        )
    return months


def value_by_basis(period: Period) -> tuple[list[dict], int]:
    """Per valuation basis: lines, restricted and unrestricted value; and the
    number of accepted lines without a value."""
    restricted, unrestricted = _split(IntakeLine.valuation_amount)
    rows = db.session.execute(
        select(
            IntakeLine.valuation_basis,
            func.count(IntakeLine.id),
            restricted,
            unrestricted,
            func.count(IntakeLine.valuation_amount),
        )
        .join(Intake, Intake.id == IntakeLine.intake_id)
        .join(Drive, Drive.id == Intake.drive_id)
        .where(*_accepted(period))
        .group_by(IntakeLine.valuation_basis)
        .order_by(IntakeLine.valuation_basis)
    )
    bases, unvalued = [], 0
    for basis, lines, r, u, valued in rows:
        unvalued += int(lines) - int(valued)
        bases.append(
            {
                "basis": basis,
                "lines": int(lines),
                "restricted": money(r),
                "unrestricted": money(u),
                "total": money(money(r) + money(u)),
            }
        )
    return bases, unvalued


def drives_run(period: Period) -> list[dict]:
    """Drives that received or gave out goods in the year, or were open in it."""
    intake = (
        select(
            Intake.drive_id.label("drive_id"),
            func.count(func.distinct(Intake.id)).label("deliveries"),
            func.sum(IntakeLine.valuation_amount).label("value"),
        )
        .join(IntakeLine, IntakeLine.intake_id == Intake.id)
        .where(*_accepted(period))
        .group_by(Intake.drive_id)
        .subquery()
    )
    given = (
        select(
            Distribution.drive_id.label("drive_id"),
            func.count(Distribution.id).label("distributions"),
        )
        .where(
            effective_distribution(),
            *period.timestamp_filter(Distribution.distributed_at),
        )
        .group_by(Distribution.drive_id)
        .subquery()
    )
    overlaps = and_(
        Drive.status != "draft",
        or_(Drive.starts_on.is_(None), Drive.starts_on <= period.end),
        or_(Drive.ends_on.is_(None), Drive.ends_on >= period.start),
        Drive.created_at < period.utc_end,
    )
    rows = db.session.execute(
        select(Drive, intake.c.deliveries, intake.c.value, given.c.distributions)
        .outerjoin(intake, intake.c.drive_id == Drive.id)
        .outerjoin(given, given.c.drive_id == Drive.id)
        .where(
            or_(
                intake.c.drive_id.is_not(None),
                given.c.drive_id.is_not(None),
                overlaps,
            )
        )
        .order_by(Drive.starts_on, Drive.id)
    )
    return [
        {
            "drive": drive,
            "deliveries": int(n or 0),
            "value": money(v),
            "distributions": int(d or 0),
        }
        for drive, n, v, d in rows
    ]


def distributed(period: Period) -> list[dict]:
    """Goods given out per recipient (pooled when not to be named) and item."""
    shown = Distribution.show_publicly
    recipient = case((shown, Distribution.recipient), else_=literal_column("''"))
    rows = db.session.execute(
        select(
            shown,
            recipient,
            DriveItem,
            Drive,
            func.count(func.distinct(Distribution.id)),
            func.sum(DistributionLine.quantity),
        )
        .select_from(DistributionLine)
        .join(Distribution, Distribution.id == DistributionLine.distribution_id)
        .join(DriveItem, DriveItem.id == DistributionLine.drive_item_id)
        .join(Drive, Drive.id == Distribution.drive_id)
        .where(
            effective_distribution(),
            *period.timestamp_filter(Distribution.distributed_at),
        )
        .group_by(shown, recipient, DriveItem.id, Drive.id)
        .order_by(shown.desc(), recipient, Drive.id, DriveItem.id)
    )
    return [
        {
            "recipient": who if is_shown else None,
            "item": item,
            "drive": drive,
            "distributions": int(n),
            "quantity": qty(q),
        }
        for is_shown, who, item, drive, n, q in rows
    ]


def annual_report(year: int, period: Period) -> AnnualReport:
    """Everything the annual summary of ``year`` shows (``period``: that year)."""
    bases, unvalued = value_by_basis(period)
    total_hours, served = totals(period, VolunteerFilters())
    return AnnualReport(
        year=year,
        period=period,
        months=monthly_value(period),
        bases=bases,
        unvalued_lines=unvalued,
        drives=drives_run(period),
        distributed=distributed(period),
        hours=by_activity(period, VolunteerFilters()),
        total_hours=total_hours,
        volunteers_served=served,
        receipts=receipt_counts(period),
        resources=resource_map(period),
    )
