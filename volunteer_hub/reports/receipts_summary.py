"""Receipts issued and voided in a period, per kind (receipt or statement).

A receipt is never changed: voiding is a ``receipt_voids`` row, a replacement a
new receipt naming the voided one (``replaces_id``). So: *issued* counts receipts
issued in the period (replacements included), *of them replacements* those with
``replaces_id``, *voided* the voids recorded in the period, *of them replaced*
the voided receipts that have a replacement, and *still valid* the receipts
issued in the period that carry no void today.
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from volunteer_hub.extensions import db
from volunteer_hub.receipts.models import KIND_LABELS, KINDS, Receipt, ReceiptVoid
from volunteer_hub.reports.periods import Period


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
