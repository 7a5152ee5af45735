"""Receipts and what happens to them afterwards.

A ``Receipt`` row is written once and never changed (``forbid_changes``): it holds
the exact PDF bytes issued, their SHA-256 and the canonical JSON snapshot the PDF
was rendered from. Voiding is a row of its own (``ReceiptVoid``); a replacement is
a new receipt whose ``replaces_id`` names the voided one.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db

KINDS = ("intake", "statement")
KIND_LABELS = {"intake": _l("Receipt"), "statement": _l("Consolidated statement")}
STATUS_LABELS = {
    "valid": _l("Valid"),
    "void": _l("Void"),
    "replaced": _l("Void, replaced"),
}
LANGUAGES = ("bilingual", "zh", "en")
LANGUAGE_LABELS = {
    "bilingual": _l("Chinese and English"),
    "zh": _l("Chinese"),
    "en": _l("English"),
}
# Number series per kind: (series code, default pattern).
SERIES = {
    "intake": ("receipt", "KF-{year}-{seq:06}"),
    "statement": ("receipt-statement", "KFH-{year}-{seq:05}"),
}


class ReceiptSettings(db.Model):
    """How this organisation issues receipts (one row)."""

    __tablename__ = "receipt_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    singleton: Mapped[int] = mapped_column(default=1, unique=True)
    # Issue a receipt by itself whenever an intake with accepted goods is recorded.
    auto_issue: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(16), default="bilingual")
    page_size: Mapped[str] = mapped_column(String(2), default="A4")
    # US rules: what the donor received in return; empty means nothing.
    goods_services_note: Mapped[str] = mapped_column(String(1000), default="")
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )


class Receipt(db.Model):
    """One issued receipt or consolidated statement; never changed once written.

    ``source_key`` names what it acknowledges (``intake:42``,
    ``statement:donor:7:year:2026``, ``statement:donor:7:drive:3``); with
    ``generation`` it is unique, so two issuers of the same thing at once end with
    one receipt. A replacement takes the next generation.
    """

    __tablename__ = "receipts"
    __table_args__ = (
        UniqueConstraint("series_code", "number"),
        UniqueConstraint("series_code", "seq", "year"),
        UniqueConstraint("source_key", "generation"),
        CheckConstraint("kind IN ('intake', 'statement')", name="kind"),
        Index("ix_receipts_donor_issued", "donor_id", "issued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    series_code: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column()
    seq: Mapped[int] = mapped_column()
    number: Mapped[str] = mapped_column(String(64))
    source_key: Mapped[str] = mapped_column(String(100))
    generation: Mapped[int] = mapped_column(default=1)
    # Short public code for /receipts/verify/<code>; unique and unguessable.
    verify_code: Mapped[str] = mapped_column(String(16), unique=True)
    donor_id: Mapped[int | None] = mapped_column(ForeignKey("donors.id"))
    drive_id: Mapped[int | None] = mapped_column(ForeignKey("drives.id"), index=True)
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"), index=True)
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("receipts.id"), unique=True
    )
    jurisdiction: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    page_size: Mapped[str] = mapped_column(String(2))
    snapshot_json: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    signed: Mapped[bool] = mapped_column(default=False)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_by_label: Mapped[str] = mapped_column(String(200), default="")

    void: Mapped[ReceiptVoid | None] = relationship(
        back_populates="receipt", uselist=False, lazy="selectin"
    )


class ReceiptVoid(db.Model):
    """The voiding of one receipt, with the reason; at most one per receipt."""

    __tablename__ = "receipt_voids"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(500))
    voided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    receipt: Mapped[Receipt] = relationship(back_populates="void")


class ReceiptAccessLink(db.Model):
    """A donor's personal link to their receipts; only the secret's hash is kept.

    A donor may hold several (one shown after each intake, one per lookup), so
    handing out a new link never breaks one sent earlier.
    """

    __tablename__ = "receipt_access_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # "intake", "staff", "lookup": why the link was made.
    reason: Mapped[str] = mapped_column(String(16), default="staff")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


for _model in (Receipt, ReceiptVoid, ReceiptAccessLink):
    forbid_changes(_model)
