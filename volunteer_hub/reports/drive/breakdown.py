"""The drive report's sections about people and places: donors, valuation,
where goods went, rejected goods and corrections."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import aliased

from volunteer_hub.drives.models import Donor, Drive
from volunteer_hub.drives.models_stock import (
    Distribution,
    DistributionLine,
    Intake,
    IntakeLine,
)
from volunteer_hub.extensions import db
from volunteer_hub.reports.periods import Period
from volunteer_hub.reports.queries import (
    distribution_scope,
    intake_scope,
    money,
    qty,
)

TOP_DONORS = 10


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
        .where(*intake_scope(drive, period))
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
        .where(*intake_scope(drive, period))
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
        .where(*intake_scope(drive, period), IntakeLine.quantity_accepted > 0)
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
        .where(*distribution_scope(drive, period))
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
        .where(*distribution_scope(drive, period))
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
            *intake_scope(drive, period),
            IntakeLine.quantity_received > IntakeLine.quantity_accepted,
        )
        .group_by(IntakeLine.drive_item_id, IntakeLine.rejection_reason)
        .order_by(IntakeLine.drive_item_id, IntakeLine.rejection_reason)
    )
    return [(by_id[i], reason, int(n), qty(q)) for i, reason, n, q in rows]


def corrections(drive: Drive, period: Period) -> dict:
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
