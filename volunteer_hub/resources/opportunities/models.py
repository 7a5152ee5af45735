"""Government purchase of services, venture competitions, direct commissions,
and the organisation's qualification documents they ask for."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db
from volunteer_hub.resources.labels import (
    DOCUMENT_KIND_LABELS,
    OPPORTUNITY_KIND_LABELS,
    OPPORTUNITY_STATUS_LABELS,
    in_list,
)
from volunteer_hub.resources.partners.models import Partner


class Opportunity(db.Model):
    __tablename__ = "opportunities"
    __table_args__ = (
        CheckConstraint(in_list("kind", OPPORTUNITY_KIND_LABELS), name="kind"),
        CheckConstraint(in_list("status", OPPORTUNITY_STATUS_LABELS), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    deadline: Mapped[date | None] = mapped_column(Date)
    decision_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="watching")
    # Kinds of qualification documents required (labels.DOCUMENT_KIND_LABELS).
    required_documents: Mapped[list] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    buyer: Mapped[Partner] = relationship()


class QualificationDocument(db.Model):
    """A certificate the organisation holds; a renewal is a new row."""

    __tablename__ = "qualification_documents"
    __table_args__ = (
        CheckConstraint(in_list("kind", DOCUMENT_KIND_LABELS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(100), default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


forbid_changes(QualificationDocument)
