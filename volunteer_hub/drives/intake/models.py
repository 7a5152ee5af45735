"""Intake, the append-only stock ledger and distributions.

None of these rows is ever updated or deleted (``forbid_changes``). A wrong intake
is answered by a reversing intake (``reverses_id``, negative quantities, a reason);
stock on hand per item and place is the sum of the ledger.
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

VALUATION_BASES = ("invoice", "market", "appraisal", "declared", "not_valued")
VALUATION_BASIS_LABELS = {
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
STOCK_KINDS = ("intake", "distribution", "transfer", "adjustment", "reversal")
STOCK_KIND_LABELS = {
    "intake": _l("Intake"),
    "distribution": _l("Distribution"),
    "transfer": _l("Transfer"),
    "adjustment": _l("Adjustment"),
    "reversal": _l("Reversal"),
}
ADJUSTMENT_REASONS = ("damaged", "expired", "miscounted", "other")
ADJUSTMENT_REASON_LABELS = {
    "damaged": _l("Damaged"),
    "expired": _l("Expired"),
    "miscounted": _l("Counted wrong"),
    "other": _l("Other reason"),
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
        # Covers the progress sums, so they read only the index.
        Index(
            "ix_intake_lines_item_quantities",
            "drive_item_id",
            "quantity_received",
            "quantity_accepted",
        ),
        CheckConstraint(
            "(reverses_line_id IS NULL AND quantity_accepted >= 0"
            " AND quantity_accepted <= quantity_received)"
            " OR (reverses_line_id IS NOT NULL AND quantity_accepted <= 0"
            " AND quantity_accepted >= quantity_received)",
            name="quantities",
        ),
        CheckConstraint(
            "valuation_basis IN ('invoice', 'market', 'appraisal', 'declared',"
            " 'not_valued')",
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


class StockEntry(db.Model):
    """One signed movement of one item at one place; the ledger is only appended.

    Intake adds, distribution takes away, a transfer is a pair (out at one place,
    in at another, ``paired_with_id``), an adjustment states a reason, and a
    reversal (``reverses_id``) cancels one earlier entry.
    """

    __tablename__ = "stock_entries"
    __table_args__ = (
        # Both cover their sums (per drive and item; per item and place).
        Index("ix_stock_entries_drive_item", "drive_id", "drive_item_id", "quantity"),
        Index("ix_stock_entries_item_point", "drive_item_id", "point_id", "quantity"),
        CheckConstraint(
            "kind IN ('intake', 'distribution', 'transfer', 'adjustment', 'reversal')",
            name="kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("drives.id"))
    drive_item_id: Mapped[int] = mapped_column(ForeignKey("drive_items.id"))
    point_id: Mapped[int | None] = mapped_column(ForeignKey("drive_points.id"))
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    reason: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    intake_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake_lines.id"), index=True
    )
    distribution_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("distribution_lines.id"), index=True
    )
    paired_with_id: Mapped[int | None] = mapped_column(ForeignKey("stock_entries.id"))
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("stock_entries.id"), unique=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[DriveItem] = relationship()
    point: Mapped[DropOffPoint | None] = relationship()


class Distribution(db.Model):
    """Goods leaving the drive to a beneficiary or site.

    ``source_intake_id`` is set by the pass-through shortcut; a reversing
    distribution (``reverses_id``) puts the goods back with a ``reason``.
    """

    __tablename__ = "distributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("drives.id"), index=True)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("drive_points.id"))
    recipient: Mapped[str] = mapped_column(String(300))
    destination: Mapped[str] = mapped_column(String(500), default="")
    # False hides the recipient on the public page (e.g. a private household).
    show_publicly: Mapped[bool] = mapped_column(default=True)
    distributed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handed_over_by: Mapped[str] = mapped_column(String(100))
    received_by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(String(1000), default="")
    source_intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"))
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("distributions.id"), unique=True
    )
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lines: Mapped[list[DistributionLine]] = relationship(
        back_populates="distribution", order_by="DistributionLine.id"
    )
    point: Mapped[DropOffPoint | None] = relationship()


class DistributionLine(db.Model):
    """One item × quantity of a distribution (negative in a reversal)."""

    __tablename__ = "distribution_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    distribution_id: Mapped[int] = mapped_column(
        ForeignKey("distributions.id"), index=True
    )
    drive_item_id: Mapped[int] = mapped_column(ForeignKey("drive_items.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)

    distribution: Mapped[Distribution] = relationship(back_populates="lines")
    item: Mapped[DriveItem] = relationship()


for _model in (Intake, IntakeLine, StockEntry, Distribution, DistributionLine):
    forbid_changes(_model)
