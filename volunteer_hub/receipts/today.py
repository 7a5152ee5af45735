"""The receipts' count on the staff home page (slot ``main.today``): accepted
intakes from a known donor that have no receipt in force, the ones a drive's
batch on the batches page would issue."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from volunteer_hub import panels
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.extensions import db
from volunteer_hub.receipts.queries import waiting_for_receipt


def intakes_without_receipt() -> int:
    statement = select(func.count(Intake.id)).where(*waiting_for_receipt())
    return db.session.scalar(statement)


def unreceipted_intakes(limit: int | None = None) -> list[Intake]:
    """The intakes a drive's batch would issue receipts for, oldest first,
    with their donors; the first ``limit`` of them when given."""
    statement = (
        select(Intake)
        .where(*waiting_for_receipt())
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
