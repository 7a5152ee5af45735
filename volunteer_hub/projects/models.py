"""Service projects, their shifts, and who is assigned to each shift.

Times are stored in UTC; forms and pages use the organisation's time zone.
An assignment moves ``proposed → invited → confirmed | declined``, then
``attended | no_show``; ``cancelled`` is a coordinator taking someone off.
Rows are never deleted: every step is a status change with an audit event.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import LEVELS

PROJECT_STATUSES = ("planning", "active", "completed", "cancelled")
ASSIGNMENT_STATUSES = (
    "proposed",
    "invited",
    "confirmed",
    "declined",
    "attended",
    "no_show",
    "cancelled",
)
# Statuses that hold the volunteer's time: they block overlapping shifts and
# count towards the monthly maximum.
HOLDING = ("proposed", "invited", "confirmed", "attended")
# Statuses that take up one of the shift's slots (the same ones).
FILLING = HOLDING


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


project_specialties = Table(
    "project_specialties",
    db.metadata,
    Column("project_id", ForeignKey("projects.id"), primary_key=True),
    Column("specialty_id", ForeignKey("specialties.id"), primary_key=True),
)


class Project(db.Model):
    """A service project, e.g. a week of home visits to elderly residents."""

    __tablename__ = "projects"
    __table_args__ = (CheckConstraint(_in("status", PROJECT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planning", index=True)
    partner: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    specialties = relationship(
        "Specialty", secondary=project_specialties, order_by="Specialty.position"
    )
    shifts: Mapped[list[Shift]] = relationship(
        back_populates="project", order_by="(Shift.starts_at, Shift.id)"
    )

    def display_name(self, locale) -> str:
        if str(locale).startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh or self.name_en


class Shift(db.Model):
    """One stretch of work in a project that needs ``slots`` volunteers."""

    __tablename__ = "shifts"
    __table_args__ = (
        CheckConstraint("slots BETWEEN 1 AND 500", name="slots"),
        CheckConstraint("ends_at > starts_at", name="times"),
        CheckConstraint(f"min_level IS NULL OR {_in('min_level', LEVELS)}", "level"),
        Index("ix_shifts_starts_at_ends_at", "starts_at", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(300), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    specialty_id: Mapped[int | None] = mapped_column(ForeignKey("specialties.id"))
    min_level: Mapped[str | None] = mapped_column(String(16))
    requires_certificate: Mapped[bool] = mapped_column(default=False)
    slots: Mapped[int] = mapped_column(SmallInteger, default=1)
    notes: Mapped[str] = mapped_column(String(1000), default="")
    # The shift a weekly copy was made from, so a series can be found again.
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    project: Mapped[Project] = relationship(back_populates="shifts")
    specialty = relationship("Specialty")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="shift", order_by="Assignment.id"
    )

    @property
    def hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / 3600).quantize(Decimal("0.01"))

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def filled(self) -> int:
        return sum(a.status in FILLING for a in self.assignments)


class Assignment(db.Model):
    """A volunteer on a shift, with the score and reasons when they were chosen.

    ``reasons`` is a list of ``{"code": …, "params": {…}}`` from the matcher.
    ``reply_secret_hash`` is the hash of the secret in the invitation's
    confirm/decline link (a new invitation makes a new one).
    """

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("shift_id", "volunteer_id"),
        CheckConstraint(_in("status", ASSIGNMENT_STATUSES), name="status"),
        Index("ix_assignments_volunteer_status", "volunteer_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"))
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    score: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    # "auto" (auto-fill), "manual" (picked from the ranking), "replacement".
    origin: Mapped[str] = mapped_column(String(16), default="manual")
    reply_secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attendance_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_messages.id")
    )
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    shift: Mapped[Shift] = relationship(back_populates="assignments")
    volunteer = relationship("Volunteer")

    @property
    def holds_time(self) -> bool:
        return self.status in HOLDING


class MatchingSettings(db.Model):
    """The matching weights the admin chose (one row; absent means defaults)."""

    __tablename__ = "matching_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    singleton: Mapped[int] = mapped_column(default=1, unique=True)
    weights: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
