from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_hub.db import UTCDateTime, utcnow
from volunteer_hub.extensions import db

# queued: waiting for SMTP; stored: no address or no SMTP configured, staff read it;
# sent: handed to the mail server; failed: gave up after retries; passed: a staff
# member passed a stored or failed message on by hand (sent_at: when they said so).
OUTBOX_STATUSES = ("queued", "stored", "sent", "failed", "passed")
# What staff still have to pass on by hand.
WAITING_STATUSES = ("stored", "failed")
STATUS_LABELS = {
    "queued": _l("Waiting to send"),
    "stored": _l("Not e-mailed: pass it on yourself"),
    "sent": _l("Sent"),
    "failed": _l("E-mail failed: pass it on yourself"),
    "passed": _l("Passed on by hand"),
}


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    send_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    to_address: Mapped[str | None] = mapped_column(String(254))
    to_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(300))
    # What staff read: any personal link in it is replaced by a placeholder.
    body: Mapped[str] = mapped_column(Text)
    # The text with the link, kept only until it is sent or shown once to staff
    # (then None): the secret is not stored beyond that.
    private_body: Mapped[str | None] = mapped_column(Text)
    # The lowest staff role that may read the message (staff invitations: admin).
    audience: Mapped[str] = mapped_column(String(16), default="coordinator")
    attachment_name: Mapped[str | None] = mapped_column(String(200))
    attachment_mime: Mapped[str | None] = mapped_column(String(100))
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the message is about, e.g. ("volunteers", "12"), for staff to find it.
    entity_type: Mapped[str | None] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
