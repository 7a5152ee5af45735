from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db

JURISDICTIONS = ("cn", "us", "generic")
CURRENCIES = ("CNY", "HKD", "TWD", "USD", "EUR")


class Organisation(db.Model):
    """The single organisation profile; its absence means set-up has not run."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Always 1: the unique constraint stops a second profile, even from two
    # set-up forms submitted at the same moment.
    singleton: Mapped[int] = mapped_column(default=1, unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    registration_code: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    default_locale: Mapped[str] = mapped_column(String(16), default="zh_Hans")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    country: Mapped[str] = mapped_column(String(2), default="CN")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    jurisdiction: Mapped[str] = mapped_column(String(16), default="cn")
    receipt_wording: Mapped[str] = mapped_column(Text, default="")
    # The address people reach the site at (links in mail, QR codes), recorded
    # on the set-up page; PUBLIC_BASE_URL overrides it.
    public_url: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Deferred: loaded only where an image is drawn, not with every profile.
    logo_image: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_mime: Mapped[str | None] = mapped_column(String(32))
    # The seal as documents print it (at most 480 px, see organisation/images.py)
    # and the upload it was prepared from, read only to prepare it again.
    seal_image: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    seal_mime: Mapped[str | None] = mapped_column(String(32))
    seal_original: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
    # Renewed with every change of the settings workers keep (see kept.py).
    settings_version: Mapped[str] = mapped_column(
        String(16), default=lambda: secrets.token_hex(8), server_default=""
    )

    def display_name(self, locale: str) -> str:
        """The name in the reader's language, falling back to the other one."""
        if str(locale).startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh or self.name_en
