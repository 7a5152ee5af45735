"""Drives, their drop-off points and item goals, donors and pledges.

Intake, the stock ledger and distributions are in ``models_stock.py``. Quantities are
``Numeric(14, 3)`` and money ``Numeric(14, 2)``, always handled as ``Decimal``.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db

Quantity = Numeric(14, 3, asdecimal=True)
Money = Numeric(14, 2, asdecimal=True)

DRIVE_STATUSES = ("draft", "open", "closed")
DRIVE_STATUS_LABELS = {
    "draft": _l("Draft"),
    "open": _l("Open"),
    "closed": _l("Closed"),
}
# 1 is the most urgent; the public page lists urgent needs first.
PRIORITIES = (1, 2, 3)
PRIORITY_LABELS = {1: _l("Urgent"), 2: _l("Normal"), 3: _l("Low")}
DONOR_KINDS = ("person", "organisation")
DONOR_KIND_LABELS = {"person": _l("Person"), "organisation": _l("Organisation")}


def new_page_version() -> str:
    """A fresh random token for ``Drive.page_version``."""
    return secrets.token_hex(8)


def localised(zh: str, en: str, locale) -> str:
    """``en`` for English readers when present, otherwise ``zh`` (or ``en``)."""
    if str(locale).startswith("en") and en:
        return en
    return zh or en


class Drive(db.Model):
    """An in-kind donation drive with item goals, e.g. seven days of flood relief."""

    __tablename__ = "drives"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'open', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    beneficiary: Mapped[str] = mapped_column(String(300), default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    # A restricted drive's goods may be used only for ``restricted_purpose``.
    restricted: Mapped[bool] = mapped_column(default=False)
    restricted_purpose: Mapped[str] = mapped_column(String(500), default="")
    public: Mapped[bool] = mapped_column(default=True)
    # E.g. the charity holding the public-fundraising qualification.
    partner_name: Mapped[str] = mapped_column(String(200), default="")
    partner_filing_ref: Mapped[str] = mapped_column(String(100), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Changes, in the same transaction, with every write the public page shows
    # (``drives/public/versions.py``); workers keep the page they rendered under it.
    page_version: Mapped[str] = mapped_column(
        String(16), default=new_page_version, server_default=""
    )

    items: Mapped[list[DriveItem]] = relationship(
        back_populates="drive", order_by="(DriveItem.priority, DriveItem.id)"
    )
    points: Mapped[list[DropOffPoint]] = relationship(
        back_populates="drive", order_by="DropOffPoint.id"
    )

    def title(self, locale) -> str:
        return localised(self.title_zh, self.title_en, locale)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class DropOffPoint(db.Model):
    """A place where goods are handed in and kept; stock is counted per place."""

    __tablename__ = "drive_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("drives.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    drive: Mapped[Drive] = relationship(back_populates="points")


class DriveItem(db.Model):
    """An item a drive collects: a goal, or an "other" item accepted at intake.

    ``is_goal`` is false for goods that were not on the goal list; they have no
    target and are never offered on the pledge form.
    """

    __tablename__ = "drive_items"
    __table_args__ = (
        CheckConstraint("target_quantity >= 0", name="target_not_negative"),
        CheckConstraint("priority IN (1, 2, 3)", name="priority"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("drives.id"), index=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(32))
    target_quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    reference_unit_value: Mapped[Decimal | None] = mapped_column(Money)
    min_shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    new_only: Mapped[bool] = mapped_column(default=False)
    acceptance_note: Mapped[str] = mapped_column(String(500), default="")
    priority: Mapped[int] = mapped_column(default=2)
    is_goal: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    drive: Mapped[Drive] = relationship(back_populates="items")

    def name(self, locale) -> str:
        return localised(self.name_zh, self.name_en, locale)


class DriveItemRevision(db.Model):
    """The goal as it stood after each change; the history of a goal."""

    __tablename__ = "drive_item_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    drive_item_id: Mapped[int] = mapped_column(ForeignKey("drive_items.id"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(32))
    target_quantity: Mapped[Decimal] = mapped_column(Quantity)
    reference_unit_value: Mapped[Decimal | None] = mapped_column(Money)
    min_shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    new_only: Mapped[bool] = mapped_column(default=False)
    acceptance_note: Mapped[str] = mapped_column(String(500), default="")
    priority: Mapped[int] = mapped_column(default=2)
    reason: Mapped[str] = mapped_column(String(500), default="")


forbid_changes(DriveItemRevision)


class Donor(db.Model):
    """A person or organisation that gives; one record per phone and per e-mail.

    A duplicate merged into another record keeps its row (history stays true) but
    points to the kept one with ``merged_into_id`` and gives up its phone and e-mail.
    """

    __tablename__ = "donors"
    __table_args__ = (
        CheckConstraint("kind IN ('person', 'organisation')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="person")
    name: Mapped[str] = mapped_column(String(200))
    # E.164, e.g. +8613800138000; NULL when unknown (NULLs do not collide).
    phone: Mapped[str | None] = mapped_column(String(32), unique=True)
    # Lower-cased.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    address: Mapped[str] = mapped_column(String(500), default="")
    # False: the public page shows "anonymous donor" instead of the name.
    show_publicly: Mapped[bool] = mapped_column(default=False)
    link_secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("donors.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )


class Pledge(db.Model):
    """What a donor promised to a drive; intake lines fulfil it over time."""

    __tablename__ = "pledges"
    __table_args__ = (Index("ix_pledges_drive_donor", "drive_id", "donor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("drives.id"))
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"), index=True)
    expected_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000), default="")
    # "public" (the drive page) or "staff".
    source: Mapped[str] = mapped_column(String(16), default="staff")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")

    lines: Mapped[list[PledgeLine]] = relationship(
        back_populates="pledge", order_by="PledgeLine.id"
    )
    donor: Mapped[Donor] = relationship()
    drive: Mapped[Drive] = relationship()


class PledgeLine(db.Model):
    """One item × quantity of a pledge; never changed once made."""

    __tablename__ = "pledge_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"), index=True)
    drive_item_id: Mapped[int] = mapped_column(ForeignKey("drive_items.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)

    pledge: Mapped[Pledge] = relationship(back_populates="lines")
    item: Mapped[DriveItem] = relationship()


forbid_changes(PledgeLine)
