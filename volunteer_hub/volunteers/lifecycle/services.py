"""A volunteer's life cycle: sign-up, personal link, approval, core flag, withdrawal."""

from __future__ import annotations

import re

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock, links
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.outbox import services as outbox
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.outbox.services import queue_message
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers import personal, signals
from volunteer_hub.volunteers.models import (
    AvailabilityException,
    CoreFlagChange,
    Volunteer,
)
from volunteer_hub.volunteers.services import (
    _apply,
    _clean_profile,
    _set_id_number,
    audit_view,
    find_volunteer_by_phone,
    set_availability,
    set_specialties,
)
from volunteer_hub.volunteers.services_admin import current_notice, current_settings

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
STAFF_STATUSES = ("active", "inactive")


class AlreadyRegistered(DomainError):
    """The phone number belongs to an existing volunteer."""


def _actor(volunteer: Volunteer) -> str:
    return f"volunteer:{volunteer.id}"


def valid_token(token: str | None) -> bool:
    return bool(token) and bool(_TOKEN.match(token))


def sign_up(*, token, consent, specialties=(), slots=(), locale="zh_Hans", **values):
    """Register a volunteer from the public form; returns ``(volunteer, secret)``.

    ``token`` is the form's random sign-up token: the same token again returns
    the volunteer it created (a double tap), with the same link. Raises
    AlreadyRegistered for a known phone number, DomainError for bad input.
    """
    if valid_token(token):
        repeated = repeated_sign_up(token)
        if repeated is not None:
            return repeated
    if not consent:
        raise DomainError(_l("Please agree to the privacy notice."), "consent")
    settings = current_settings()
    id_number = values.pop("id_number", None) if settings.collect_id_number else None
    values.pop("id_number", None)
    cleaned = _clean_profile(values)
    if find_volunteer_by_phone(cleaned["phone"]) is not None:
        raise AlreadyRegistered(
            _l("This mobile number is already registered."), "phone"
        )
    volunteer, secret = _new_signup(settings.auto_approve, locale, token)
    db.session.add(volunteer)
    _apply(volunteer, cleaned)
    if id_number:
        _set_id_number(volunteer, id_number)
    db.session.flush()
    actor = _actor(volunteer)
    record(
        "volunteer.signup", volunteer, after=audit_view(volunteer), actor_label=actor
    )
    set_specialties(volunteer, specialties, actor_label=actor)
    set_availability(volunteer, slots, actor_label=actor)
    if volunteer.email:
        send_link(volunteer, secret, reason="signup")
    return volunteer, secret


def _new_signup(auto_approve: bool, locale, token):
    """A volunteer row for a sign-up, with its consent and personal link."""
    now = clock.now()
    volunteer = Volunteer(
        source="signup",
        status="active" if auto_approve else "pending",
        consent_version=current_notice().version,
        consent_at=now,
        approved_at=now if auto_approve else None,
        preferred_locale="en" if str(locale).startswith("en") else "zh_Hans",
        link_issued_at=now,
    )
    if valid_token(token):
        # Derived from the form's token, so a repeated submit can show it again.
        secret = personal.derived_secret("signup-link", token)
        volunteer.signup_token_hash = links.hash_secret(token)
    else:
        secret = links.new_secret()
    volunteer.link_secret_hash = links.hash_secret(secret)
    return volunteer, secret


def repeated_sign_up(token: str):
    """``(volunteer, secret)`` for a sign-up token already used, while its link
    is unchanged; otherwise None."""
    volunteer = db.session.scalar(
        select(Volunteer).where(Volunteer.signup_token_hash == links.hash_secret(token))
    )
    if volunteer is None or volunteer.is_withdrawn:
        return None
    secret = personal.derived_secret("signup-link", token)
    if not links.secret_matches(secret, volunteer.link_secret_hash):
        return None
    return volunteer, secret


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
    record("volunteer.link_replace", volunteer, actor_label=_actor(volunteer))
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
    actor = _actor(volunteer)
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


def approve_volunteer(volunteer: Volunteer) -> Volunteer:
    """Accept a pending volunteer; raises DomainError for any other status."""
    if volunteer.status != "pending":
        raise DomainError(_l("Only a pending volunteer can be approved."))
    volunteer.status = "active"
    volunteer.approved_at = clock.now()
    record("volunteer.approve", volunteer, after={"status": "active"})
    signals.volunteer_status_changed.send(volunteer, old="pending", new="active")
    _tell_approved(volunteer)
    return volunteer


def _tell_approved(volunteer: Volunteer) -> None:
    """Let the person know they were accepted (stored for staff without e-mail)."""
    with force_locale(volunteer.preferred_locale):
        subject = str(_l("Your volunteer registration has been approved"))
        body = "\n\n".join(
            [
                gettext("Hello %(name)s,", name=volunteer.name),
                gettext(
                    "Your registration as a volunteer has been approved. Thank you!"
                    " A coordinator will invite you to shifts that suit your skills"
                    " and free times; you can see and answer them on your personal"
                    " page, through the link you received when you signed up."
                ),
            ]
        )
    queue_message(
        to_address=volunteer.email,
        to_name=volunteer.name,
        subject=subject,
        body=body,
        entity=volunteer,
    )


def set_status(volunteer: Volunteer, status: str, *, note: str = "") -> Volunteer:
    """Deactivate or reactivate; withdrawal has its own function."""
    if status not in STAFF_STATUSES or volunteer.is_withdrawn:
        raise DomainError(_l("This change of status is not possible."))
    old = volunteer.status
    if old == status:
        return volunteer
    volunteer.status = status
    if status == "active" and volunteer.approved_at is None:
        volunteer.approved_at = clock.now()
    record(
        "volunteer.status",
        volunteer,
        before={"status": old},
        after={"status": status},
        note=note,
    )
    signals.volunteer_status_changed.send(volunteer, old=old, new=status)
    return volunteer


def set_core(volunteer, is_core: bool, *, reason: str, user=None) -> CoreFlagChange:
    """Mark or unmark a core volunteer; the reason is kept in the history."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_l("Please give a reason."), "reason")
    if len(reason) > 500:
        raise DomainError(_l("At most %(n)d characters, please.", n=500), "reason")
    if volunteer.is_withdrawn:
        raise DomainError(_l("This volunteer has withdrawn."))
    if volunteer.is_core == is_core:
        raise DomainError(_l("Nothing to change."))
    volunteer.is_core = is_core
    change = CoreFlagChange(
        volunteer_id=volunteer.id,
        is_core=is_core,
        reason=reason,
        changed_by_id=getattr(user, "id", None),
    )
    db.session.add(change)
    record("volunteer.core", volunteer, after={"is_core": is_core}, note=reason)
    return change


def withdraw_volunteer(volunteer: Volunteer, *, reason: str = "", actor_label=None):
    """Withdraw and anonymise: personal data is erased, the hours stay.

    The row keeps its id, so service records and certificates still point at
    it; name becomes empty (shown as "withdrawn volunteer #id"), contact data,
    ID number, notes, specialties, availability and the link are removed, and
    the bodies of messages about the person are blanked.
    """
    if volunteer.is_withdrawn:
        raise DomainError(_l("This volunteer has already withdrawn."))
    old_status = volunteer.status
    for key in ("phone", "email", "id_number_protected", "id_number_masked"):
        setattr(volunteer, key, None)
    for key in ("name", "district", "intro", "notes"):
        setattr(volunteer, key, "")
    volunteer.link_secret_hash = volunteer.signup_token_hash = None
    volunteer.pending_link_hash = None
    volunteer.is_core = False
    volunteer.status = "withdrawn"
    volunteer.withdrawn_at = clock.now()
    volunteer.specialties.clear()
    volunteer.slots.clear()
    db.session.execute(
        AvailabilityException.__table__.delete().where(
            AvailabilityException.volunteer_id == volunteer.id
        )
    )
    _blank_messages(volunteer)
    record(
        "volunteer.withdraw",
        volunteer,
        before={"status": old_status},
        after={"status": "withdrawn"},
        note=(reason or "")[:500],
        actor_label=actor_label,
    )
    signals.volunteer_withdrawn.send(volunteer)
    return volunteer


def _blank_messages(volunteer: Volunteer) -> None:
    # Messages about the person's shifts are blanked by projects (receivers).
    outbox.anonymise(Volunteer.__tablename__, [volunteer.id])
