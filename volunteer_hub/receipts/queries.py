"""Reading receipts: status, lists, the register's gap check, the seal image."""

from __future__ import annotations

import json

from sqlalchemy import String, cast, exists, func, literal, select
from sqlalchemy.orm import aliased

from volunteer_hub.drives.donors import donor_ids
from volunteer_hub.drives.models import Donor
from volunteer_hub.drives.models_stock import Intake, IntakeLine
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.receipts.models import Receipt, ReceiptVoid


def seal_of_organisation() -> tuple[bytes, str] | None:
    """The seal as documents print it: prepared when it was uploaded
    (``organisation/images.py``, at most 480 px, one ink where it can be)."""
    org = current_organisation()
    if not (org and org.seal_image):
        return None
    return org.seal_image, org.seal_mime or "image/png"


def waiting_for_receipt() -> tuple:
    """Where an intake has a donor and accepted goods, is neither reversed nor
    a reversal, and its receipt source (``intake:ID``) has no receipt that is
    not void: the intakes a receipt batch issues for, the staff home page
    counts and the batches page lists. The database answers all of it: a
    large drive has tens of thousands of intakes, none of which need loading
    to be counted or picked."""
    reversal = aliased(Intake)
    source = literal("intake:") + cast(Intake.id, String)
    in_force = exists().where(
        Receipt.source_key == source,
        Receipt.id.not_in(select(ReceiptVoid.receipt_id)),
    )
    return (
        Intake.donor_id.is_not(None),
        Intake.reverses_id.is_(None),
        ~exists().where(reversal.reverses_id == Intake.id),
        exists().where(
            IntakeLine.intake_id == Intake.id, IntakeLine.quantity_accepted > 0
        ),
        ~in_force,
    )


def snapshot_of(receipt: Receipt) -> dict:
    return json.loads(receipt.snapshot_json)


def replacement_of(receipt: Receipt) -> Receipt | None:
    return db.session.scalar(select(Receipt).where(Receipt.replaces_id == receipt.id))


def status_of(receipt: Receipt) -> str:
    """ "valid", "void" or "replaced" (void, with a replacement)."""
    if receipt.void is None:
        return "valid"
    return "replaced" if replacement_of(receipt) is not None else "void"


def receipts_for_intake(intake: Intake) -> list[Receipt]:
    return list(
        db.session.scalars(
            select(Receipt).where(Receipt.intake_id == intake.id).order_by(Receipt.id)
        )
    )


def receipts_for_donor(donor: Donor) -> list[Receipt]:
    """Every receipt of ``donor`` and of the records merged into it, newest first."""
    return list(
        db.session.scalars(
            select(Receipt)
            .where(Receipt.donor_id.in_(donor_ids(donor)))
            .order_by(Receipt.issued_at.desc(), Receipt.id.desc())
        )
    )


def register_summary() -> list[dict]:
    """Per series and year: the range of numbers and any gap or duplicate found."""
    rows = db.session.execute(
        select(Receipt.series_code, Receipt.year, Receipt.seq).order_by(
            Receipt.series_code, Receipt.year, Receipt.seq
        )
    ).all()
    groups: dict[tuple, list[int]] = {}
    for code, year, seq in rows:
        groups.setdefault((code, year), []).append(seq)
    summary = []
    for (code, year), seqs in groups.items():
        expected = set(range(1, max(seqs) + 1))
        summary.append(
            {
                "series": code,
                "year": year,
                "count": len(seqs),
                "first": min(seqs),
                "last": max(seqs),
                "missing": sorted(expected - set(seqs)),
                "duplicates": sorted({s for s in seqs if seqs.count(s) > 1}),
            }
        )
    return summary


def void_count() -> int:
    return db.session.scalar(select(func.count()).select_from(ReceiptVoid)) or 0
