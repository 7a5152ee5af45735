"""Queue and deliver outgoing messages; every feature sends through queue_message."""

from __future__ import annotations

import smtplib
from datetime import datetime
from email.message import EmailMessage

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.outbox import smtp
from volunteer_hub.outbox.models import WAITING_STATUSES, OutboxMessage

MAX_ATTEMPTS = 5
LINK_REMOVED = _l("[personal link: removed once sent or shown]")


def reveal(message: OutboxMessage, *, user) -> str:
    """The full text of a message with a link, shown once: afterwards only the
    text without the link is kept. Raises DomainError when it was shown or sent.
    """
    if message.private_body is None:
        raise DomainError(
            _l("The link in this message was already sent or shown; make a new one.")
        )
    text, message.private_body = message.private_body, None
    record("outbox.reveal", message, note=f"shown to user {user.id}", actor=user)
    return text


def mark_passed_on(message: OutboxMessage, *, user) -> OutboxMessage:
    """Record that ``user`` passed a stored or failed message on by hand.

    A personal link still kept in it is forgotten (as once shown): whoever needs
    it again asks for a new one. Raises DomainError for a message that was sent
    or is still waiting for the mail server.
    """
    if message.status not in WAITING_STATUSES:
        raise DomainError(_l("Only a message that was not e-mailed can be passed on."))
    before = {"status": message.status, "link_kept": message.private_body is not None}
    message.status, message.sent_at = "passed", clock.now()
    message.private_body = None
    record(
        "outbox.passed_on",
        message,
        before=before,
        after={"status": "passed", "link_kept": False},
        actor=user,
    )
    return message


def queue_message(
    *,
    to_address: str | None,
    subject: str,
    body: str,
    to_name: str = "",
    attachment: tuple[str, str, bytes] | None = None,
    send_after: datetime | None = None,
    entity=None,
    created_by=None,
    secret: str | None = None,
    shown: bool = False,
    audience: str = "coordinator",
) -> OutboxMessage:
    """Add a message to the outbox in the caller's transaction.

    Without an address or without SMTP settings the message is ``stored``: staff
    can read and pass it on by hand. ``attachment`` is ``(name, mime, bytes)``.
    ``secret`` is a personal link inside ``body``: staff see the body without it,
    and the full text lives only until it is sent or shown once (``reveal``).
    ``shown`` says the caller is showing the link on screen right now: a message
    that will not be e-mailed then keeps no copy of it at all.
    ``audience`` is the lowest staff role that may read the message.
    """
    can_mail = bool(to_address) and bool(current_app.config.get("MAIL_SERVER"))
    message = OutboxMessage(
        to_address=to_address or None,
        to_name=to_name,
        subject=subject[:300],
        body=body,
        status="queued" if can_mail else "stored",
        send_after=send_after or clock.now(),
        created_by_id=getattr(created_by, "id", None),
        audience=audience,
    )
    if secret:
        message.private_body = None if (shown and not can_mail) else body
        message.body = body.replace(secret, str(LINK_REMOVED))
    if attachment:
        message.attachment_name, message.attachment_mime, message.attachment = (
            attachment
        )
    if entity is not None:
        db.session.flush()
        message.entity_type = entity.__tablename__
        message.entity_id = str(entity.id)
    db.session.add(message)
    return message


def anonymise(entity_type: str, entity_ids) -> None:
    """Blank the recipient, text, link and attachment of messages about these
    records (a withdrawal); a message still waiting has nobody to go to now."""
    ids = [str(each) for each in entity_ids]
    if not ids:
        return
    about = (OutboxMessage.entity_type == entity_type) & OutboxMessage.entity_id.in_(
        ids
    )
    db.session.execute(
        update(OutboxMessage)
        .where(about)
        .values(
            to_address=None,
            to_name="",
            body="—",
            private_body=None,
            attachment=None,
            attachment_name=None,
            attachment_mime=None,
        )
    )
    db.session.execute(
        update(OutboxMessage)
        .where(about, OutboxMessage.status == "queued")
        .values(status="stored")
    )


def _build_email(message: OutboxMessage) -> EmailMessage:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_SENDER"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email.set_content(message.private_body or message.body)
    if message.attachment is not None:
        maintype, _, subtype = (message.attachment_mime or "").partition("/")
        email.add_attachment(
            message.attachment,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=message.attachment_name,
        )
    return email


def deliver_due(limit: int = 100) -> int:
    """Send queued messages whose time has come; returns how many were sent.

    Commits after each message so that a crash never sends one twice.
    """
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return 0
    due = db.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.status == "queued",
            OutboxMessage.send_after <= clock.now(),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = 0
    for message in due:
        message.attempts += 1
        try:
            with smtp.connect(config) as s:
                s.send_message(_build_email(message))
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = str(error)[:500]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = "failed"
        else:
            message.status, message.sent_at = "sent", clock.now()
            message.private_body = None
            sent += 1
        db.session.commit()
    return sent
