"""Staff accounts: first-run set-up, creation, invitations, login checks, roles
and deactivation."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from volunteer_hub import clock, throttle
from volunteer_hub.audit.services import record, snapshot
from volunteer_hub.auth import setup_code
from volunteer_hub.auth.models import ROLES, Invitation, User
from volunteer_hub.auth.passwords import (
    MIN_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.links import hash_secret, new_secret
from volunteer_hub.organisation.services import PROFILE_FIELDS, create_organisation
from volunteer_hub.outbox.services import queue_message
from volunteer_hub.urls import external_url

INVITATION_DAYS = 7
AUDITED_FIELDS = ("email", "name", "role", "active")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _check_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise DomainError(
            _l("Use at least %(n)d characters.", n=MIN_LENGTH), field="password"
        )


def create_user(
    *, email: str, name: str, role: str, password: str | None = None
) -> User:
    """Create a staff account; without a password it can only be entered by invite.

    Raises DomainError when the e-mail is taken or the role or password is invalid.
    """
    if role not in ROLES:
        raise DomainError(_l("Choose a valid role."), field="role")
    if find_user_by_email(email) is not None:
        raise DomainError(_l("This e-mail address already has an account."), "email")
    user = User(email=normalise_email(email), name=name.strip(), role=role)
    if password is not None:
        _check_password(password)
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    record("user.create", user, after=snapshot(user, AUDITED_FIELDS))
    return user


def set_up(values: dict, *, code: str | None) -> User:
    """First run: the organisation profile and its first admin, from the set-up
    form's ``values``. ``code`` is the set-up code typed, None when the page did
    not ask for one (the visitor is on the server itself).

    Raises DomainError for a wrong code, an organisation that exists already
    (another set-up won the race) or an invalid account.
    """
    if code is not None and not setup_code.check(code):
        raise DomainError(_l("This set-up code is not correct."), field="setup_code")
    create_organisation(**{k: v for k, v in values.items() if k in PROFILE_FIELDS})
    return create_user(
        email=values["admin_email"],
        name=values["admin_name"],
        role="admin",
        password=values["password"],
    )


def invite_staff(*, email: str, name: str, role: str, by: User) -> tuple[User, str]:
    """A new account and the message with its invitation link, from ``by``.

    Returns ``(user, link)``; the link is shown once to the admin and kept only
    until it is sent or shown. Raises DomainError as ``create_user`` does.
    """
    user, secret = invite_user(email=email, name=name, role=role, invited_by=by)
    return user, send_invitation(user, secret, by=by)


def reinvite_staff(user: User, *, by: User) -> str:
    """A fresh invitation link for ``user`` (earlier ones stop working), sent."""
    return send_invitation(user, issue_invitation(user, invited_by=by), by=by)


def send_invitation(user: User, secret: str, *, by: User) -> str:
    """Queue the invitation message for admins' eyes only; returns the link."""
    link = external_url("auth.accept_invitation", secret=secret)
    queue_message(
        to_address=user.email,
        to_name=user.name,
        subject=_("Your Volunteer Hub account"),
        body=_(
            "Hello %(name)s,\n\nyou have been given a staff account. Open this link "
            "within 7 days to set your password:\n\n%(link)s\n",
            name=user.name,
            link=link,
        ),
        entity=user,
        created_by=by,
        secret=link,
        shown=True,
        audience="admin",
    )
    return link


def invite_user(*, email: str, name: str, role: str, invited_by: User | None):
    """Create an account without password and an invitation link for it.

    Returns ``(user, secret)``; the secret is shown once and only its hash is kept.
    """
    user = create_user(email=email, name=name, role=role)
    return user, issue_invitation(user, invited_by=invited_by)


def issue_invitation(user: User, *, invited_by: User | None) -> str:
    """A fresh invitation secret for ``user``; earlier unused ones stop working."""
    now = clock.now()
    for old in db.session.scalars(
        select(Invitation).where(
            Invitation.user_id == user.id, Invitation.used_at.is_(None)
        )
    ):
        old.used_at = now
    secret = new_secret()
    db.session.add(
        Invitation(
            user_id=user.id,
            token_hash=hash_secret(secret),
            created_by_id=invited_by.id if invited_by else None,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
    )
    record(
        "user.invite",
        user,
        note=f"expires in {INVITATION_DAYS} days",
        actor=invited_by,
    )
    return secret


def find_invitation(secret: str) -> Invitation | None:
    """The open invitation for ``secret``, or None when unknown, used or expired."""
    if not secret or len(secret) > 200:
        return None
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_secret(secret))
    )
    if invitation is None or invitation.used_at is not None:
        return None
    if invitation.expires_at <= clock.now():
        return None
    return invitation


def accept_invitation(invitation: Invitation, password: str) -> User:
    _check_password(password)
    user = db.session.get(User, invitation.user_id)
    user.password_hash = hash_password(password)
    invitation.used_at = clock.now()
    record("user.accept_invitation", user, actor_label=f"user:{user.id}")
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; upgrades old hashes."""
    user = find_user_by_email(email or "")
    if not verify_password(user.password_hash if user else None, password or ""):
        return None
    if not user.is_active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = clock.now()
    return user


def log_in(email: str, password: str) -> User:
    """The user with these credentials, behind a per-account backoff.

    The backoff is keyed by the e-mail as typed (normalised), known or not, so
    its answer says nothing about which accounts exist; while it holds, the
    password is not even checked. Raises DomainError for any refusal.
    """
    key = "login:" + normalise_email(email or "")
    if throttle.is_blocked(key):
        raise DomainError(
            _l("Too many wrong attempts. Please wait a few minutes and try again.")
        )
    user = authenticate(email, password)
    if user is None:
        throttle.record_failure(key)
        raise DomainError(_l("The e-mail or password is not correct."))
    throttle.clear(key)
    return user


def change_password(user: User, current: str, new: str) -> None:
    """``user`` changes their own password; other sessions of theirs end."""
    if not verify_password(user.password_hash, current):
        raise DomainError(_l("The current password is not correct."), "current")
    _check_password(new)
    user.password_hash = hash_password(new)
    user.session_version += 1
    record("user.change_password", user, actor=user)


def _admins_left(excluding: User) -> int:
    return db.session.scalar(
        select(func.count(User.id)).where(
            User.role == "admin", User.active.is_(True), User.id != excluding.id
        )
    )


def update_user(
    user: User, *, role: str, active: bool, name: str, by: User | None = None
) -> None:
    """Change a staff member's role, name or active flag; ``by`` is the admin.

    Raises DomainError when this would leave the organisation without an admin.
    """
    if role not in ROLES:
        raise DomainError(_l("Choose a valid role."), field="role")
    losing_admin = user.role == "admin" and (role != "admin" or not active)
    if losing_admin and _admins_left(user) == 0:
        raise DomainError(_l("At least one active admin must remain."), field="role")
    before = snapshot(user, AUDITED_FIELDS)
    user.role, user.active, user.name = role, active, name.strip()
    if not active or before["role"] != role:
        user.session_version += 1
    after = snapshot(user, AUDITED_FIELDS)
    record("user.update", user, before=before, after=after, actor=by)
