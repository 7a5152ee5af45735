"""Service hours and their reviews; both append-only.

The rule for hours
------------------
* Every change is a new row of ``service_records``; rows are never updated or
  deleted (``forbid_changes``).
* A record counts once it has a ``service_reviews`` row with decision
  ``approved``. Hours a coordinator enters are approved as they are entered
  (a review row is written in the same transaction); hours submitted from an
  attended shift (``source='shift'``) wait for a review. A rejected record has a
  ``rejected`` review and never counts. One review per record (unique).
* A correction is two new rows: a *reversal* (``reverses_id`` = the old record,
  hours = minus the old hours, same date) and, unless the correction only
  cancels, a *replacement* (``replaces_id`` = the old record) with the right
  values. Both carry the reason and are reviewed like the old record was: when
  the old record counted, both are approved at once; when it was still waiting,
  the old record is rejected instead and the replacement waits in its place.
* Therefore approved hours are a plain sum::

      SELECT SUM(r.hours) FROM service_records r
      JOIN service_reviews v ON v.record_id = r.id AND v.decision = 'approved'
      WHERE r.volunteer_id = :id AND r.served_on BETWEEN :start AND :end
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db

RECORD_SOURCES = ("manual", "shift")
DECISIONS = ("approved", "rejected")


class ServiceRecord(db.Model):
    """Hours a volunteer served on a day (or a reversal of such an entry)."""

    __tablename__ = "service_records"
    __table_args__ = (
        CheckConstraint("source IN ('manual', 'shift')", name="source"),
        Index("ix_service_records_volunteer_served_on", "volunteer_id", "served_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"))
    served_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    # The project or activity in the coordinator's words.
    description: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(16), default="manual")
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_records.id"), unique=True
    )
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_records.id"), index=True
    )
    reason: Mapped[str] = mapped_column(String(500), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Who entered it when it was not a staff member: "shift:12", "import" …
    entered_label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set for hours from a shift (projects feature, migration 0004).
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id"), index=True
    )

    review: Mapped[ServiceReview | None] = relationship(
        back_populates="record", uselist=False
    )
    entered_by = relationship("User", foreign_keys=[entered_by_id])

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


forbid_changes(ServiceRecord)


class ServiceReview(db.Model):
    """A coordinator's decision on one service record (exactly one per record)."""

    __tablename__ = "service_reviews"
    __table_args__ = (
        CheckConstraint("decision IN ('approved', 'rejected')", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("service_records.id"), unique=True
    )
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(500), default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    record: Mapped[ServiceRecord] = relationship(back_populates="review")
    reviewed_by = relationship("User")


forbid_changes(ServiceReview)
