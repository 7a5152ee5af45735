"""The stock ledger: signed movements per item and place, only ever appended.

Stock on hand per item and place is the sum of the ledger.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.drives.models import (
    DriveItem,
    DropOffPoint,
    Quantity,
)
from volunteer_hub.extensions import db

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


forbid_changes(StockEntry)
