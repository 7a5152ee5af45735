"""Queries every report shares: which intake and distribution rows count, the
number formats of sums, and the receipts issued and voided in a period.

Corrections in the drives feature are reversing rows that negate an original in
full (``reverses_id``). A report therefore leaves out both the reversal and the
reversed original: the net is the same as summing everything, and each delivery
keeps its own date (a correction does not move goods into the month it was made).

Receipts: a receipt is never changed: voiding is a ``receipt_voids`` row, a
replacement a new receipt naming the voided one (``replaces_id``). So: *issued*
counts receipts issued in the period (replacements included), *of them
replacements* those with ``replaces_id``, *voided* the voids recorded in the
period, *of them replaced* the voided receipts that have a replacement, and
*still valid* the receipts issued in the period that carry no void today.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.models_stock import Distribution, Intake
from volunteer_hub.extensions import db
from volunteer_hub.receipts.models import KIND_LABELS, KINDS, Receipt, ReceiptVoid
from volunteer_hub.reports.periods import Period

ZERO = Decimal("0.000")
CENTS = Decimal("0.00")


def qty(value) -> Decimal:
    return Decimal(value or 0).quantize(ZERO)


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENTS)


def effective_intake(intake=Intake):
    """Condition: ``intake`` is an original delivery that was not reversed."""
    reversal = aliased(Intake)
    return and_(
        intake.reverses_id.is_(None),
        ~select(reversal.id).where(reversal.reverses_id == intake.id).exists(),
    )


def effective_distribution(distribution=Distribution):
    """Condition: ``distribution`` is an original that was not reversed."""
    reversal = aliased(Distribution)
    return and_(
        distribution.reverses_id.is_(None),
        ~select(reversal.id).where(reversal.reverses_id == distribution.id).exists(),
    )


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


def receipt_counts(period: Period, drive=None) -> list[dict]:
    """One dict per kind: kind, label, issued, replacements, valid, voided,
    replaced; only the drive's receipts when ``drive`` is given."""
    scope = [Receipt.drive_id == drive.id] if drive is not None else []
    issued = {
        kind: (int(n), int(r or 0), int(v or 0))
        for kind, n, r, v in db.session.execute(
            select(
                Receipt.kind,
                func.count(Receipt.id),
                func.sum(case((Receipt.replaces_id.is_not(None), 1), else_=0)),
                func.sum(case((ReceiptVoid.id.is_(None), 1), else_=0)),
            )
            .outerjoin(ReceiptVoid, ReceiptVoid.receipt_id == Receipt.id)
            .where(*scope, *period.timestamp_filter(Receipt.issued_at))
            .group_by(Receipt.kind)
        )
    }
    replacement = aliased(Receipt)
    voided = {
        kind: (int(n), int(r or 0))
        for kind, n, r in db.session.execute(
            select(
                Receipt.kind,
                func.count(ReceiptVoid.id),
                func.count(replacement.id),
            )
            .join(Receipt, Receipt.id == ReceiptVoid.receipt_id)
            .outerjoin(replacement, replacement.replaces_id == Receipt.id)
            .where(*scope, *period.timestamp_filter(ReceiptVoid.voided_at))
            .group_by(Receipt.kind)
        )
    }
    rows = []
    for kind in KINDS:
        n, replacements, valid = issued.get(kind, (0, 0, 0))
        void, replaced = voided.get(kind, (0, 0))
        rows.append(
            {
                "kind": kind,
                "label": KIND_LABELS[kind],
                "issued": n,
                "replacements": replacements,
                "valid": valid,
                "voided": void,
                "replaced": replaced,
            }
        )
    return rows
