"""The volunteer's personal link: find by it, renew it, send it, ask for it.

The link carries a long random secret; only its hash is stored and lookups
compare in constant time. A link asked for on the public page replaces the
current one only when first opened.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock, links
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.outbox.services import queue_message
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers.models import Volunteer
from volunteer_hub.volunteers.profile.services import find_volunteer_by_phone


def can_mail() -> bool:
    """Whether the outbox sends e-mail; without a mail server messages wait for
    a coordinator to pass them on, so pages must not say "sent"."""
    return bool(current_app.config.get("MAIL_SERVER"))


def find_volunteer_by_secret(secret: str | None) -> Volunteer | None:
    """The volunteer whose personal link carries ``secret``; None if none (or
    withdrawn). Compared in constant time."""
    if not secret or len(secret) > 200:
        return None
    volunteer = db.session.scalar(
        select(Volunteer).where(Volunteer.link_secret_hash == links.hash_secret(secret))
    )
    if volunteer is None:
        return _use_pending_link(secret)
    if volunteer.is_withdrawn:
        return None
    if not links.secret_matches(secret, volunteer.link_secret_hash):
        return None
    return volunteer


def _use_pending_link(secret: str) -> Volunteer | None:
    """The volunteer whose pending link this is; it now replaces the old one.

    The caller commits (the change is flushed only)."""
    volunteer = db.session.scalar(
        select(Volunteer).where(
            Volunteer.pending_link_hash == links.hash_secret(secret)
        )
    )
    if volunteer is None or volunteer.is_withdrawn:
        return None
    if not links.secret_matches(secret, volunteer.pending_link_hash):
        return None
    volunteer.link_secret_hash, volunteer.pending_link_hash = (
        volunteer.pending_link_hash,
        None,
    )
    volunteer.link_issued_at = clock.now()
    volunteer.signup_token_hash = None
    db.session.flush()
    record("volunteer.link_replace", volunteer, actor_label=volunteer.actor_label)
    return volunteer


def pending_link(volunteer: Volunteer, *, actor_label=None) -> str:
    """A new link that replaces the current one only once it is first opened;
    until then both work (a later request replaces the pending one)."""
    secret = links.new_secret()
    volunteer.pending_link_hash = links.hash_secret(secret)
    record("volunteer.link_pending", volunteer, actor_label=actor_label)
    return secret


def rotate_link(volunteer: Volunteer, *, actor_label=None) -> str:
    """Give the volunteer a new personal link (the old one stops working)."""
    if volunteer.is_withdrawn:
        raise DomainError(_l("This volunteer has withdrawn."))
    secret = links.new_secret()
    volunteer.link_secret_hash = links.hash_secret(secret)
    volunteer.link_issued_at = clock.now()
    volunteer.signup_token_hash = volunteer.pending_link_hash = None
    record("volunteer.link_rotate", volunteer, actor_label=actor_label)
    return secret


def renew_link(volunteer: Volunteer, *, by) -> tuple[str, OutboxMessage]:
    """A new link made by staff member ``by``, who sees it on screen now.

    Returns ``(secret, message)``: the message is queued for the volunteer
    without a copy of the link. Raises DomainError for a withdrawn volunteer.
    """
    secret = rotate_link(volunteer)
    return secret, send_link(volunteer, secret, created_by=by, shown=True)


def send_link(
    volunteer, secret, *, reason="resend", created_by=None, shown=False
) -> OutboxMessage:
    """Queue the personal link for the volunteer, in their language.

    Without an e-mail address (or without SMTP) the message is stored, and staff
    pass it on from the Messages page (showing the link once there), unless
    ``shown``: the link is on the staff member's screen now, so the stored
    message keeps no copy of it.
    """
    url = external_url("volunteers.me", secret=secret)
    with force_locale(volunteer.preferred_locale):
        subject = str(_l("Your volunteer link"))
        body = _link_body(volunteer, url, reason)
    return queue_message(
        to_address=volunteer.email,
        to_name=volunteer.name,
        subject=subject,
        body=body,
        entity=volunteer,
        created_by=created_by,
        secret=url,
        shown=shown,
    )


def _link_body(volunteer, url, reason) -> str:
    if reason == "signup":
        opening = gettext("Thank you for signing up as a volunteer.")
    elif reason == "lost":
        opening = gettext(
            "Here is a new personal link, as asked for. Once you open it, your "
            "old link stops working. If you did not ask for it, ignore this "
            "message: your old link keeps working."
        )
    else:
        opening = gettext(
            "Here is your new personal link; the old one no longer works."
        )
    return "\n\n".join(
        [
            gettext("Hello %(name)s,", name=volunteer.name),
            opening,
            gettext("Your personal link (keep it for yourself):") + "\n" + url,
            gettext(
                "There you can see and change your details, your hours and your "
                "certificates, or withdraw."
            ),
        ]
    )


def _link_request_body(volunteer) -> str:
    page = external_url("volunteers.detail", volunteer_id=volunteer.id)
    return "\n".join(
        [
            gettext(
                "Volunteer no. %(id)d asked for their personal link, but has no "
                "e-mail address.",
                id=volunteer.id,
            ),
            gettext("Please contact them and make a new link on their page:"),
            page,
        ]
    )


def request_link(phone: str) -> None:
    """A person asks for their link by phone number; answers nothing either way.

    With an e-mail on file a new link is mailed, which replaces the old one only
    when it is first opened (so knowing a phone number cannot revoke anyone's
    link); otherwise staff get a stored message asking them to contact the person.
    """
    volunteer = find_volunteer_by_phone(phone)
    if volunteer is None or volunteer.is_withdrawn:
        return
    actor = volunteer.actor_label
    if volunteer.email:
        send_link(volunteer, pending_link(volunteer, actor_label=actor), reason="lost")
        return
    with force_locale("zh_Hans"):
        queue_message(
            to_address=None,
            subject=str(_l("A volunteer asked for their link")),
            body=_link_request_body(volunteer),
            entity=volunteer,
        )
    record("volunteer.link_request", volunteer, actor_label=actor)
