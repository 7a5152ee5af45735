"""Distributions: goods leaving the drive; a correction is a reversing distribution."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.drives.models import (
    DriveItem,
    DropOffPoint,
    Quantity,
)
from volunteer_hub.extensions import db


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


forbid_changes(Distribution)
forbid_changes(DistributionLine)
