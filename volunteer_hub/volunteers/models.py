"""Volunteers, their specialties and availability, and the settings of sign-up.

Status, level and part-of-day names are those of ``volunteer_hub.matching.model``
so that the matcher can be fed straight from these rows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import LEVELS, PARTS, STATUSES

# How a volunteer record came to exist.
SOURCES = ("signup", "staff", "import")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Specialty(db.Model):
    """One entry of the skills taxonomy (elder care, legal aid …).

    Retired specialties are hidden from sign-up and filters for new choices but
    stay attached to the volunteers who have them; rows are never deleted.
    """

    __tablename__ = "specialties"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(String(500), default="")
    retired: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def display_name(self, locale) -> str:
        """The name in the reader's language, falling back to the other one."""
        if str(locale).startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh or self.name_en


class Volunteer(db.Model):
    """A person who signed up (or was entered) to volunteer.

    ``phone`` is E.164 (``+8613800138000``) and unique; withdrawal anonymises the
    row (name replaced, phone, e-mail, ID number and notes cleared) but keeps it,
    so that the hours it served still count. ``id_number_protected`` is an
    encrypted token (see ``volunteers.protect``); ``id_number_masked`` is the
    only form lists and certificates show unless the organisation requires more.
    """

    __tablename__ = "volunteers"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("source", SOURCES), name="source"),
        Index("ix_volunteers_status_core", "status", "is_core"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    district: Mapped[str] = mapped_column(String(100), default="", index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    is_core: Mapped[bool] = mapped_column(default=False)
    max_hours_per_month: Mapped[int | None] = mapped_column(SmallInteger)
    intro: Mapped[str] = mapped_column(String(1000), default="")
    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    link_secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A link asked for on the public "lost link" page: it replaces the current
    # one only when first used, so a stranger who knows the phone number cannot
    # take the working link away.
    pending_link_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Random token of the sign-up form; a second submit of the same form finds
    # the record it created instead of failing or creating another.
    signup_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    id_number_protected: Mapped[bytes | None] = mapped_column(LargeBinary)
    id_number_masked: Mapped[str | None] = mapped_column(String(32))
    preferred_locale: Mapped[str] = mapped_column(String(16), default="zh_Hans")
    source: Mapped[str] = mapped_column(String(16), default="signup")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    specialties: Mapped[list[VolunteerSpecialty]] = relationship(
        back_populates="volunteer",
        cascade="all, delete-orphan",
        order_by="VolunteerSpecialty.id",
    )
    slots: Mapped[list[AvailabilitySlot]] = relationship(
        back_populates="volunteer",
        cascade="all, delete-orphan",
        order_by="(AvailabilitySlot.weekday, AvailabilitySlot.part)",
    )

    @property
    def is_withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def actor_label(self) -> str:
        """How audit events name the volunteer acting on their own pages."""
        return f"volunteer:{self.id}"

    def slot_pairs(self) -> frozenset[tuple[int, str]]:
        """Weekly availability as (weekday 0=Monday, part) pairs."""
        return frozenset((s.weekday, s.part) for s in self.slots)


class VolunteerSpecialty(db.Model):
    """A volunteer's level in one specialty, with the certificate behind it.

    ``verified_by_id`` / ``verified_at`` are set when a coordinator has seen the
    certificate; changing the certificate clears them.
    """

    __tablename__ = "volunteer_specialties"
    __table_args__ = (
        UniqueConstraint("volunteer_id", "specialty_id"),
        CheckConstraint(_in("level", LEVELS), name="level"),
        Index("ix_volunteer_specialties_specialty_level", "specialty_id", "level"),
        Index("ix_volunteer_specialties_expiry", "certificate_expiry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"))
    specialty_id: Mapped[int] = mapped_column(ForeignKey("specialties.id"))
    level: Mapped[str] = mapped_column(String(16), default="interested")
    certificate_name: Mapped[str] = mapped_column(String(200), default="")
    certificate_number: Mapped[str] = mapped_column(String(100), default="")
    certificate_expiry: Mapped[date | None] = mapped_column(Date)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    volunteer: Mapped[Volunteer] = relationship(back_populates="specialties")
    specialty: Mapped[Specialty] = relationship(lazy="joined")
    verified_by = relationship("User", foreign_keys=[verified_by_id])


class AvailabilitySlot(db.Model):
    """A recurring weekly slot: weekday 0 (Monday) … 6 × morning/afternoon/evening."""

    __tablename__ = "availability_slots"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint(_in("part", PARTS), name="part"),
        Index("ix_availability_slots_weekday_part", "weekday", "part"),
    )

    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteers.id"), primary_key=True
    )
    weekday: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    part: Mapped[str] = mapped_column(String(10), primary_key=True)

    volunteer: Mapped[Volunteer] = relationship(back_populates="slots")


class AvailabilityException(db.Model):
    """A dated change to the weekly pattern: away (or extra available) on a day.

    ``part`` None means the whole day.
    """

    __tablename__ = "availability_exceptions"
    __table_args__ = (
        CheckConstraint(f"part IS NULL OR {_in('part', PARTS)}", name="part"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    part: Mapped[str | None] = mapped_column(String(10))
    available: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CoreFlagChange(db.Model):
    """History of marking and unmarking a core volunteer, each with a reason."""

    __tablename__ = "core_flag_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    is_core: Mapped[bool]
    reason: Mapped[str] = mapped_column(String(500))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    changed_by = relationship("User")


forbid_changes(CoreFlagChange)


class PrivacyNotice(db.Model):
    """One published version of the privacy notice volunteers consent to.

    A new text is a new version (a new row); the newest row is current, and each
    volunteer records the version they agreed to.
    """

    __tablename__ = "privacy_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(32), unique=True)
    text_zh: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    def text(self, locale) -> str:
        if str(locale).startswith("en") and self.text_en:
            return self.text_en
        return self.text_zh


forbid_changes(PrivacyNotice)


class VolunteerSettings(db.Model):
    """The organisation's choices for volunteers (a single row).

    ``collect_id_number``: the sign-up form asks for an (optional) ID number.
    ``certificate_full_id``: certificates print the full ID number, for
    organisations whose authority requires it; otherwise it is masked.
    """

    __tablename__ = "volunteer_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    singleton: Mapped[int] = mapped_column(default=1, unique=True)
    collect_id_number: Mapped[bool] = mapped_column(default=False)
    certificate_full_id: Mapped[bool] = mapped_column(default=False)
    auto_approve: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
