"""Intake: deliveries counted at a drop-off point, and their lines.

Never updated or deleted (``forbid_changes``): a wrong intake is answered by a
reversing intake (``reverses_id``, negative quantities, a reason).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.drives.models import (
    Donor,
    DriveItem,
    DropOffPoint,
    Money,
    Pledge,
    PledgeLine,
    Quantity,
)
from volunteer_hub.extensions import db

VALUATION_BASES = (
    "reference",
    "invoice",
    "market",
    "appraisal",
    "declared",
    "not_valued",
)
VALUATION_BASIS_LABELS = {
    # The item's reference value per unit × the accepted quantity.
    "reference": _l("Reference value"),
    "invoice": _l("Invoice"),
    "market": _l("Market price"),
    "appraisal": _l("Appraisal"),
    "declared": _l("Declared by donor"),
    "not_valued": _l("Not valued"),
}
CONDITIONS = ("new", "good", "used", "damaged")
CONDITION_LABELS = {
    "new": _l("New"),
    "good": _l("Good"),
    "used": _l("Used"),
    "damaged": _l("Damaged"),
}


class Intake(db.Model):
    """One delivery counted at a drop-off point, optionally against a pledge.

    A reversing intake (``reverses_id`` set) cancels another one in full; its lines
    carry the negated quantities and it states a ``reason``.
    """

    __tablename__ = "intakes"
    __table_args__ = (
        Index("ix_intakes_drive_donor", "drive_id", "donor_id"),
        # The public page's latest donors.
        Index("ix_intakes_drive_received", "drive_id", "received_at"),
        # The staff overview's latest intakes, in the order they were recorded.
        Index("ix_intakes_drive_latest", "drive_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("drives.id"))
    donor_id: Mapped[int | None] = mapped_column(ForeignKey("donors.id"), index=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id"), index=True)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("drive_points.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    counted_by_1: Mapped[str] = mapped_column(String(100))
    counted_by_2: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(String(1000), default="")
    # Only one reversal per intake: the unique constraint stops a double submit.
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("intakes.id"), unique=True
    )
    reason: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lines: Mapped[list[IntakeLine]] = relationship(
        back_populates="intake", order_by="IntakeLine.id"
    )
    donor: Mapped[Donor | None] = relationship()
    pledge: Mapped[Pledge | None] = relationship()
    point: Mapped[DropOffPoint | None] = relationship()


class IntakeLine(db.Model):
    """An item of an intake: counted, accepted (or partly rejected) and valued.

    ``valuation_amount`` is the value of the accepted quantity in the
    organisation's currency, NULL when the basis is ``not_valued``.
    """

    __tablename__ = "intake_lines"
    __table_args__ = (
        # Covers the progress sums (and the goods' value), so they read only
        # the index.
        Index(
            "ix_intake_lines_item_sums",
            "drive_item_id",
            "quantity_received",
            "quantity_accepted",
            "valuation_amount",
        ),
        CheckConstraint(
            "(reverses_line_id IS NULL AND quantity_accepted >= 0"
            " AND quantity_accepted <= quantity_received)"
            " OR (reverses_line_id IS NOT NULL AND quantity_accepted <= 0"
            " AND quantity_accepted >= quantity_received)",
            name="quantities",
        ),
        CheckConstraint(
            "valuation_basis IN ('reference', 'invoice', 'market', 'appraisal',"
            " 'declared', 'not_valued')",
            name="valuation_basis",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id"), index=True)
    drive_item_id: Mapped[int] = mapped_column(ForeignKey("drive_items.id"))
    pledge_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("pledge_lines.id"), index=True
    )
    quantity_received: Mapped[Decimal] = mapped_column(Quantity)
    quantity_accepted: Mapped[Decimal] = mapped_column(Quantity)
    rejection_reason: Mapped[str] = mapped_column(String(300), default="")
    condition: Mapped[str] = mapped_column(String(16), default="new")
    expiry_date: Mapped[date | None] = mapped_column(Date)
    valuation_amount: Mapped[Decimal | None] = mapped_column(Money)
    valuation_basis: Mapped[str] = mapped_column(String(16), default="not_valued")
    reverses_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake_lines.id"), unique=True
    )

    intake: Mapped[Intake] = relationship(back_populates="lines")
    item: Mapped[DriveItem] = relationship()
    pledge_line: Mapped[PledgeLine | None] = relationship()


forbid_changes(Intake)
forbid_changes(IntakeLine)
