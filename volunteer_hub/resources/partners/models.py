"""Partners: the organisations and people whose resources the organisation
mobilises, their contacts, and the dated log of the relationship."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db
from volunteer_hub.resources.labels import (
    LOG_KIND_LABELS,
    PARTNER_TYPE_LABELS,
    in_list,
)


def name_key(name: str) -> str:
    """The form of a name used to match it: no spaces, case folded.

    "深圳市 民政局" and "深圳市民政局" are the same partner."""
    return "".join(str(name or "").split()).casefold()


class Partner(db.Model):
    """A government department, foundation, enterprise … or a person."""

    __tablename__ = "partners"
    __table_args__ = (
        CheckConstraint(in_list("partner_type", PARTNER_TYPE_LABELS), name="type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    partner_type: Mapped[str] = mapped_column(String(16), default="other")
    # Several of the seven kinds of resources (labels.RESOURCE_KIND_LABELS).
    resource_kinds: Mapped[list] = mapped_column(JSON, default=list)
    address: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    contacts: Mapped[list[PartnerContact]] = relationship(
        back_populates="partner", order_by="PartnerContact.id"
    )
    log: Mapped[list[PartnerLogEntry]] = relationship(
        order_by="(PartnerLogEntry.happened_on.desc(), PartnerLogEntry.id.desc())"
    )


class PartnerContact(db.Model):
    __tablename__ = "partner_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partner: Mapped[Partner] = relationship(back_populates="contacts")


class PartnerLogEntry(db.Model):
    """A meeting, agreement, visit or report sent: dated, by whom; append-only."""

    __tablename__ = "partner_log"
    __table_args__ = (CheckConstraint(in_list("kind", LOG_KIND_LABELS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    happened_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


forbid_changes(PartnerLogEntry)


class PartnerLink(db.Model):
    """A drive's or a project's partner, kept in step with the drive's
    ``partner_name`` and the project's ``partner`` text (receivers.py)."""

    __tablename__ = "partner_links"
    __table_args__ = (
        CheckConstraint(
            "(drive_id IS NULL) <> (project_id IS NULL)", name="one_target"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    drive_id: Mapped[int | None] = mapped_column(ForeignKey("drives.id"), unique=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partner: Mapped[Partner] = relationship()
