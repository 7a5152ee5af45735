"""Donors: find-or-create without duplicates, edits, merging and personal links."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update
from sqlalchemy.dialects import sqlite

from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.db import utcnow
from volunteer_hub.drives.models import Donor
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.lazy import LazyModule
from volunteer_hub.links import hash_secret, new_secret
from volunteer_hub.organisation.services import current_organisation

# Loaded with the first phone number, not at start.
phonenumbers = LazyModule("phonenumbers")
# The PostgreSQL dialect (all its drivers' modules) only where it is used.
postgresql = LazyModule("sqlalchemy.dialects.postgresql")
DONOR_FIELDS = ("kind", "name", "phone", "email", "address", "show_publicly", "notes")


def normalise_phone(raw: str | None, region: str = "CN") -> str | None:
    """The number in E.164 (``+8613800138000``), None when empty.

    Raises DomainError(field="phone") when it is not a possible phone number.
    """
    raw = (raw or "").strip()
    if not raw:
        return None
    if len(raw) > 32:
        raise DomainError(_l("Enter a valid phone number."), "phone")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise DomainError(_l("Enter a valid phone number."), "phone") from None
    if not phonenumbers.is_valid_number(number):
        raise DomainError(_l("Enter a valid phone number."), "phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str | None) -> str | None:
    raw = (raw or "").strip().lower()
    if not raw:
        return None
    if len(raw) > 254 or "@" not in raw[1:-1] or any(c.isspace() for c in raw):
        raise DomainError(_l("Enter a valid e-mail address."), "email")
    return raw


def mask_phone(phone: str | None) -> str:
    """``+86 138****8000`` for lists; the full number is shown on the record only."""
    if not phone:
        return ""
    return f"{phone[:-8]}****{phone[-4:]}" if len(phone) > 8 else "****"


def _matching(phone, email) -> Donor | None:
    conditions = []
    if phone:
        conditions.append(Donor.phone == phone)
    if email:
        conditions.append(Donor.email == email)
    if not conditions:
        return None
    return db.session.scalar(
        select(Donor).where(or_(*conditions)).order_by(Donor.id).limit(1)
    )


def _insert_unless_taken(values: dict) -> Donor | None:
    """INSERT … ON CONFLICT DO NOTHING: no savepoint (pysqlite's savepoints would
    commit the caller's transaction), no error when a concurrent request won."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    now = utcnow()
    statement = (
        module.insert(Donor)
        .values(**values, created_at=now, updated_at=now)
        .on_conflict_do_nothing()
        .returning(Donor.id)
    )
    new_id = db.session.execute(statement).scalar()
    return db.session.get(Donor, new_id) if new_id is not None else None


def find_or_create_donor(
    *,
    name: str,
    phone=None,
    email=None,
    kind="person",
    show_publicly=False,
    address="",
    region="CN",
    actor_label=None,
) -> Donor:
    """The donor with this phone or e-mail, or a new one.

    Without phone and e-mail a new donor is always made (nothing to match on).
    Two requests creating the same donor at once end with one row: the loser of
    the unique constraint retries the lookup. Raises DomainError for bad input.
    """
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise DomainError(_l("Enter a name of at most 200 characters."), "name")
    if kind not in ("person", "organisation"):
        raise DomainError(_l("Choose person or organisation."), "kind")
    phone, email = normalise_phone(phone, region), normalise_email(email)
    existing = _matching(phone, email)
    if existing is not None:
        return existing
    values = {
        "kind": kind,
        "name": name,
        "phone": phone,
        "email": email,
        "show_publicly": bool(show_publicly),
        "address": (address or "")[:500],
    }
    donor = _insert_unless_taken(values)
    if donor is None:
        # Someone else stored this phone or e-mail a moment ago: use theirs.
        return _matching(phone, email)
    record(
        "donor.create",
        donor,
        after=snapshot(donor, DONOR_FIELDS),
        actor_label=actor_label,
    )
    return donor


def donor_from_form(data: dict, *, actor_label=None) -> Donor:
    """``find_or_create_donor`` from the donor fields of the intake and pledge forms
    (``donor_name``, ``donor_phone``, ``donor_email``, ``donor_kind``,
    ``show_publicly``); phone numbers are read in the organisation's country.

    Raises DomainError on the form's field (``donor_phone`` …).
    """
    org = current_organisation()
    try:
        return find_or_create_donor(
            name=data.get("donor_name") or "",
            phone=data.get("donor_phone"),
            email=data.get("donor_email"),
            kind=data.get("donor_kind") or "person",
            show_publicly=data.get("show_publicly", False),
            region=org.country if org else "CN",
            actor_label=actor_label,
        )
    except DomainError as error:
        error.field = f"donor_{error.field}" if error.field else None
        raise


def update_donor(donor: Donor, region=None, **values) -> None:
    """Edit a donor; raises DomainError when phone or e-mail belongs to another.

    Phone numbers are read in ``region``, by default the organisation's country.
    """
    if region is None:
        org = current_organisation()
        region = org.country if org else "CN"
    values = {k: v for k, v in values.items() if k in DONOR_FIELDS}
    for key in ("name", "address", "notes"):
        if key in values:
            values[key] = (values[key] or "").strip()
    if "name" in values and not 0 < len(values["name"]) <= 200:
        raise DomainError(_l("Enter a name of at most 200 characters."), "name")
    if values.get("kind", donor.kind) not in ("person", "organisation"):
        raise DomainError(_l("Choose person or organisation."), "kind")
    values["show_publicly"] = bool(values.get("show_publicly", donor.show_publicly))
    if "phone" in values:
        values["phone"] = normalise_phone(values["phone"], region)
    if "email" in values:
        values["email"] = normalise_email(values["email"])
    for key in ("phone", "email"):
        value = values.get(key)
        column = getattr(Donor, key)
        if value and db.session.scalar(
            select(Donor.id).where(column == value, Donor.id != donor.id)
        ):
            raise DomainError(
                _l("Another donor has this; merge the two records instead."), key
            )
    before = snapshot(donor, DONOR_FIELDS)
    for key, value in values.items():
        setattr(donor, key, value)
    old, new = changed_fields(before, snapshot(donor, DONOR_FIELDS))
    if new:
        record("donor.update", donor, before=old, after=new)


def merge_donor_ids(keep_id: int | None, duplicate_id: int | None, reason="") -> Donor:
    """``merge_donors`` for two donor numbers as typed; returns the kept donor.

    Raises DomainError on ``keep_id`` / ``duplicate_id`` for a number with no donor.
    """
    keep = db.session.get(Donor, keep_id) if keep_id else None
    duplicate = db.session.get(Donor, duplicate_id) if duplicate_id else None
    if keep is None or duplicate is None:
        raise DomainError(
            _l("There is no donor with this number."),
            "keep_id" if keep is None else "duplicate_id",
        )
    merge_donors(keep, duplicate, reason)
    return keep


def merge_donors(keep: Donor, duplicate: Donor, reason: str = "") -> None:
    """Mark ``duplicate`` as the same donor as ``keep``.

    Nothing recorded is rewritten: pledges and intakes keep the donor they were made
    with, and ``donor_ids(keep)`` includes the merged record, so every total and
    list of ``keep`` covers both. The duplicate gives its phone and e-mail to
    ``keep`` when ``keep`` has none. Raises DomainError for merging a donor into
    itself or into/out of an already merged record.
    """
    if keep.id == duplicate.id:
        raise DomainError(_l("Choose two different donors."), "duplicate_id")
    if keep.merged_into_id or duplicate.merged_into_id:
        raise DomainError(_l("One of these donors was already merged."), "duplicate_id")
    # Records merged earlier into the duplicate now belong to ``keep`` directly.
    db.session.execute(
        update(Donor)
        .where(Donor.merged_into_id == duplicate.id)
        .values(merged_into_id=keep.id)
    )
    phone, email = duplicate.phone, duplicate.email
    duplicate.phone, duplicate.email = None, None
    duplicate.merged_into_id = keep.id
    db.session.flush()
    gained = {}
    if phone and not keep.phone:
        keep.phone = gained["phone"] = phone
    if email and not keep.email:
        keep.email = gained["email"] = email
    record(
        "donor.merge",
        keep,
        before={"duplicate_id": duplicate.id, "phone": phone, "email": email},
        after={"merged": duplicate.id, **gained},
        note=(reason or "")[:500],
    )


def donor_ids(donor: Donor) -> list[int]:
    """``donor``'s id and the ids of every record merged into it."""
    merged = db.session.scalars(
        select(Donor.id).where(Donor.merged_into_id == donor.id)
    )
    return [donor.id, *merged]


def resolve_donor(donor: Donor | None) -> Donor | None:
    """The record a merged donor now lives on (the donor itself if not merged)."""
    if donor is not None and donor.merged_into_id:
        return db.session.get(Donor, donor.merged_into_id)
    return donor


def issue_donor_link(donor: Donor) -> str:
    """A new personal-link secret for ``donor`` (the old link stops working)."""
    secret = new_secret()
    donor.link_secret_hash = hash_secret(secret)
    record("donor.link", donor, after={"link": "issued"})
    return secret


def donor_by_secret(secret: str) -> Donor | None:
    if not secret or len(secret) > 200:
        return None
    return db.session.scalar(
        select(Donor).where(Donor.link_secret_hash == hash_secret(secret))
    )
