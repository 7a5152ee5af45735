"""Service certificates exactly as issued (append-only)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, LargeBinary, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_hub.audit.models import forbid_changes
from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db


class ServiceCertificate(db.Model):
    """A volunteer service certificate (志愿服务记录证明) exactly as issued.

    ``number`` comes from the gapless series ``certificates``; ``pdf`` holds the
    bytes handed out and ``sha256`` their digest; ``verification_code`` is the
    public key of the verification page. ``holder_masked`` is what that page may
    show about the person, also after they withdraw.
    """

    __tablename__ = "service_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    holder_masked: Mapped[str] = mapped_column(String(100))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    total_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    record_count: Mapped[int]
    locale: Mapped[str] = mapped_column(String(16), default="zh_Hans")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    verification_code: Mapped[str] = mapped_column(String(32), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_label: Mapped[str] = mapped_column(String(100), default="")


forbid_changes(ServiceCertificate)
