"""The receipts' count on the staff home page (slot ``main.today``): accepted
intakes from a known donor that have no receipt in force, the ones a drive's
batch on the batches page would issue."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, exists, func, literal, select
from sqlalchemy.orm import aliased, selectinload

from volunteer_hub import panels
from volunteer_hub.drives.models_stock import Intake, IntakeLine
from volunteer_hub.extensions import db
from volunteer_hub.receipts.models import Receipt, ReceiptVoid


def _without_receipt() -> tuple:
    """Where an intake has a donor and accepted goods, is neither reversed nor
    a reversal, and its receipt source (``intake:ID``) has no receipt that is
    not void. The database answers all of it: a large drive has tens of
    thousands of intakes, which the page need not load to count them."""
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


def intakes_without_receipt() -> int:
    statement = select(func.count(Intake.id)).where(*_without_receipt())
    return db.session.scalar(statement)


def unreceipted_intakes(limit: int | None = None) -> list[Intake]:
    """The intakes a drive's batch would issue receipts for, oldest first,
    with their donors; the first ``limit`` of them when given."""
    statement = (
        select(Intake)
        .where(*_without_receipt())
        .options(selectinload(Intake.donor))
        .order_by(Intake.id)
        .limit(limit)
    )
    return list(db.session.scalars(statement))


def register(app: Flask) -> None:
    panels.register_count(
        app,
        "intakes-unreceipted",
        _l("Accepted intakes without a receipt"),
        intakes_without_receipt,
        "receipts.batches",
        role="coordinator",
        order=50,
    )
