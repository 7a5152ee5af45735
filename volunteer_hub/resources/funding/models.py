"""Contributions from partners, projects' funding plans and the admin's settings.

A contribution is append-only: a mistake is corrected by a reversing entry
(``reverses_id``, negated quantity and value, a reason). A goods contribution
that came in through a drive's intake points at that intake (``intake_id``):
its value is the intake's, and the resource map counts it once.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db
from volunteer_hub.resources.labels import (
    BUDGET_CATEGORY_LABELS,
    CONTRIBUTION_KIND_LABELS,
    HOUR_LEVEL_LABELS,
    VALUE_BASIS_LABELS,
    in_list,
)
from volunteer_hub.resources.partners.models import Partner

Money = Numeric(14, 2)


class Contribution(db.Model):
    """What a partner (or, without one, the organisation itself) gave."""

    __tablename__ = "contributions"
    __table_args__ = (
        CheckConstraint(in_list("kind", CONTRIBUTION_KIND_LABELS), name="kind"),
        CheckConstraint(in_list("value_basis", VALUE_BASIS_LABELS), name="basis"),
        CheckConstraint(
            "restricted_category IS NULL OR "
            + in_list("restricted_category", BUDGET_CATEGORY_LABELS),
            name="category",
        ),
        CheckConstraint("drive_id IS NULL OR project_id IS NULL", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partners.id"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id"), index=True
    )
    drive_id: Mapped[int | None] = mapped_column(ForeignKey("drives.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(500), default="")
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(14, 3))
    unit: Mapped[str] = mapped_column(String(20), default="")
    value_amount: Mapped[Decimal | None] = mapped_column(Money)
    value_basis: Mapped[str] = mapped_column(String(16), default="not_valued")
    restricted: Mapped[bool] = mapped_column(default=False)
    purpose: Mapped[str] = mapped_column(String(500), default="")
    # Restricted money may cover only budget lines of this category (NULL: any).
    restricted_category: Mapped[str | None] = mapped_column(String(16))
    given_on: Mapped[date] = mapped_column(Date, index=True)
    until: Mapped[date | None] = mapped_column(Date)
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"), unique=True)
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id"), unique=True
    )
    reason: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partner: Mapped[Partner | None] = relationship()


forbid_changes(Contribution)


class BudgetLine(db.Model):
    """One line of a project's funding plan (e.g. personnel cost ¥250,000)."""

    __tablename__ = "budget_lines"
    __table_args__ = (
        CheckConstraint(in_list("category", BUDGET_CATEGORY_LABELS), name="category"),
        CheckConstraint("amount > 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Money)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    shares: Mapped[list[FundingShare]] = relationship(
        back_populates="line", order_by="FundingShare.id"
    )


class FundingShare(db.Model):
    """The part of a budget line a funder's contribution covers; append-only."""

    __tablename__ = "funding_shares"
    __table_args__ = (CheckConstraint("amount > 0", name="amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"), index=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    line: Mapped[BudgetLine] = relationship(back_populates="shares")
    contribution: Mapped[Contribution] = relationship()


forbid_changes(FundingShare)


class ResourceSettings(db.Model):
    """The admin's settings: one row."""

    __tablename__ = "resource_settings"
    __table_args__ = (
        CheckConstraint("personnel_share BETWEEN 0 AND 100", name="share"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Percent of a project's budget that personnel and management cost need.
    personnel_share: Mapped[Decimal] = mapped_column(
        Numeric(5, 2), default=Decimal("70")
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )


class HourValue(db.Model):
    """The value of one volunteer hour at a specialty level (yuan per hour)."""

    __tablename__ = "volunteer_hour_values"
    __table_args__ = (
        CheckConstraint(in_list("level", HOUR_LEVEL_LABELS), name="level"),
        CheckConstraint("amount >= 0", name="amount"),
    )

    level: Mapped[str] = mapped_column(String(16), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
