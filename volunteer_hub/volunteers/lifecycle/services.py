"""A volunteer's life cycle: sign-up, approval, status, core flag, withdrawal."""

from __future__ import annotations

import re

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import make_transient_to_detached

from volunteer_hub import clock, links
from volunteer_hub.audit.services import record, record_all
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.outbox import services as outbox
from volunteer_hub.outbox.services import queue_message
from volunteer_hub.volunteers import personal, signals
from volunteer_hub.volunteers.admin.kept import kept_signup_terms
from volunteer_hub.volunteers.availability.services import set_availability
from volunteer_hub.volunteers.models import (
    AvailabilityException,
    CoreFlagChange,
    Volunteer,
)
from volunteer_hub.volunteers.personal_link.services import send_link
from volunteer_hub.volunteers.profile.services import (
    apply_profile,
    audit_view,
    clean_profile,
    set_id_number,
)
from volunteer_hub.volunteers.profile.specialties import (
    add_specialties,
    new_specialties,
)

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
STAFF_STATUSES = ("active", "inactive")


class AlreadyRegistered(DomainError):
    """The phone number belongs to an existing volunteer."""


def valid_token(token: str | None) -> bool:
    return bool(token) and bool(_TOKEN.match(token))


def sign_up(*, token, consent, specialties=(), slots=(), locale="zh_Hans", **values):
    """Register a volunteer from the public form; returns ``(volunteer, secret)``.

    ``token`` is the form's random sign-up token: the same token again returns
    the volunteer it created (a double tap), with the same link. Raises
    AlreadyRegistered for a known phone number, DomainError for bad input.
    """
    if not consent:
        raise DomainError(_l("Please agree to the privacy notice."), "consent")
    auto_approve, collect_id_number, notice_version = kept_signup_terms()
    id_number = values.pop("id_number", None) if collect_id_number else None
    values.pop("id_number", None)
    cleaned = clean_profile(values)
    repeated = earlier_sign_up(token, cleaned["phone"])
    if repeated is not None:
        return repeated
    wanted = new_specialties(specialties)
    volunteer, secret = _new_signup(auto_approve, notice_version, locale, token)
    apply_profile(volunteer, cleaned)
    if id_number:
        set_id_number(volunteer, id_number)
    # Every check is done: the writes follow one another, so the database's
    # write lock (SQLite's is one for all) is held from here to the commit only.
    _insert(volunteer)
    actor = volunteer.actor_label
    events = [("volunteer.signup", audit_view(volunteer))]
    if wanted:
        summary = add_specialties(volunteer, wanted)
        events.append(("volunteer.specialties", {"specialties": summary}))
    record_all(volunteer, events, actor_label=actor)
    if slots:
        set_availability(volunteer, slots, actor_label=actor)
    if volunteer.email:
        send_link(volunteer, secret, reason="signup")
    return volunteer, secret


# Built once, as every sign-up runs it (a NULL token hash matches no row).
_EARLIER = select(Volunteer.signup_token_hash, Volunteer.phone).where(
    or_(
        Volunteer.phone == bindparam("phone"),
        Volunteer.signup_token_hash == bindparam("token_hash"),
    )
)


def earlier_sign_up(token: str | None, phone: str):
    """``(volunteer, secret)`` when this form was submitted before (a double tap,
    also one committed by a parallel request); None for a new person.

    Raises AlreadyRegistered when someone else has the phone number. One query
    looks for the token and the phone number at once.
    """
    token_hash = links.hash_secret(token) if valid_token(token) else None
    found = (
        db.session.connection()
        .execute(_EARLIER, {"phone": phone, "token_hash": token_hash})
        .all()
    )
    if token_hash and any(row.signup_token_hash == token_hash for row in found):
        repeated = repeated_sign_up(token)
        if repeated is not None:
            return repeated
    if any(row.phone == phone for row in found):
        raise AlreadyRegistered(
            _l("This mobile number is already registered."), "phone"
        )
    return None


_VOLUNTEERS = Volunteer.__table__
_INSERT = _VOLUNTEERS.insert().returning(_VOLUNTEERS.c.id)


def _insert(volunteer: Volunteer) -> None:
    """INSERT a new volunteer with one Core statement; the object then joins
    the session as a row just loaded.

    What ``add`` and ``flush`` would do, without the unit of work, which cost a
    sign-up more than the row itself (bench/NOTES.md, issue 17); SQLAlchemy's
    ORM-enabled ``insert(Volunteer).returning(Volunteer)`` does the same for
    9 % more of the whole request's instructions. Every column
    is written: a value set on the object, else the column's default, else NULL;
    a column with only a default of the database's own is left to it (and read
    when first used).
    """
    given = volunteer.__dict__
    for column in _VOLUNTEERS.columns:
        if column.key in given or column.primary_key:
            continue
        default = column.default
        if default is None and column.server_default is not None:
            continue
        if default is None:
            setattr(volunteer, column.key, None)
        elif default.is_callable:
            setattr(volunteer, column.key, default.arg(None))
        else:
            setattr(volunteer, column.key, default.arg)
    values = {c.key: given[c.key] for c in _VOLUNTEERS.columns if c.key in given}
    volunteer.id = db.session.connection().scalar(_INSERT, values)
    make_transient_to_detached(volunteer)
    db.session.add(volunteer)


def _new_signup(auto_approve: bool, notice_version: str, locale, token):
    """A volunteer row for a sign-up, with its consent and personal link."""
    now = clock.now()
    volunteer = Volunteer(
        source="signup",
        status="active" if auto_approve else "pending",
        consent_version=notice_version,
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
