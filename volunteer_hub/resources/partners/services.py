"""Rules for partners: unique names, contacts, the relationship log, and the
links that replace a drive's and a project's free-text partner."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub.audit.services import record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.resources.labels import (
    LOG_KIND_LABELS,
    PARTNER_TYPE_LABELS,
    RESOURCE_KIND_LABELS,
)
from volunteer_hub.resources.partners.models import (
    Partner,
    PartnerContact,
    PartnerLink,
    PartnerLogEntry,
    name_key,
)

PARTNER_FIELDS = ("name", "partner_type", "resource_kinds", "address", "notes")


def clean_text(value, limit: int, field: str, required=False) -> str:
    text = " ".join(str(value or "").split()) if limit <= 500 else str(value or "")
    text = text.strip()
    if required and not text:
        raise DomainError(_l("This field is required."), field)
    if len(text) > limit:
        raise DomainError(_l("At most %(n)d characters, please.", n=limit), field)
    return text


def _check_name(name: str, partner_id: int | None = None) -> None:
    found = db.session.scalar(select(Partner).where(Partner.name_key == name_key(name)))
    if found is not None and found.id != partner_id:
        raise DomainError(_l("A partner with this name exists already."), "name")


def _clean(values: dict) -> dict:
    kinds = list(dict.fromkeys(values.get("resource_kinds") or ()))
    if any(kind not in RESOURCE_KIND_LABELS for kind in kinds):
        raise DomainError(
            _l("Choose kinds of resources from the list."), "resource_kinds"
        )
    partner_type = values.get("partner_type") or "other"
    if partner_type not in PARTNER_TYPE_LABELS:
        raise DomainError(_l("Choose a type from the list."), "partner_type")
    return {
        "name": clean_text(values.get("name"), 200, "name", required=True),
        "partner_type": partner_type,
        "resource_kinds": kinds,
        "address": clean_text(values.get("address"), 300, "address"),
        "notes": clean_text(values.get("notes"), 5000, "notes"),
    }


def create_partner(by, **values) -> Partner:
    """Add a partner; raises DomainError when the name is taken or a value is bad."""
    cleaned = _clean(values)
    _check_name(cleaned["name"])
    partner = Partner(
        **cleaned,
        name_key=name_key(cleaned["name"]),
        created_by_id=getattr(by, "id", None),
    )
    db.session.add(partner)
    db.session.flush()
    record("partner.create", partner, after=snapshot(partner, PARTNER_FIELDS))
    return partner


def update_partner(by, partner: Partner, **values) -> None:
    """Change a partner's details (audited); raises DomainError."""
    before = snapshot(partner, PARTNER_FIELDS)
    cleaned = _clean({**before, **values})
    _check_name(cleaned["name"], partner.id)
    for key, value in cleaned.items():
        setattr(partner, key, value)
    partner.name_key = name_key(cleaned["name"])
    db.session.flush()
    record(
        "partner.update",
        partner,
        before=before,
        after=snapshot(partner, PARTNER_FIELDS),
    )


def add_contact(by, partner: Partner, **values) -> PartnerContact:
    contact = PartnerContact(
        partner_id=partner.id,
        name=clean_text(values.get("name"), 100, "name", required=True),
        position=clean_text(values.get("position"), 100, "position"),
        phone=clean_text(values.get("phone"), 40, "phone"),
        email=clean_text(values.get("email"), 200, "email"),
    )
    db.session.add(contact)
    db.session.flush()
    record("partner.contact_add", partner, after=snapshot(contact), note=contact.name)
    return contact


def log_contact(by, partner: Partner, *, kind: str, happened_on, summary: str):
    """Add a dated entry to the relationship log, by ``by``."""
    if kind not in LOG_KIND_LABELS:
        raise DomainError(_l("Choose a kind from the list."), "kind")
    if not isinstance(happened_on, date):
        raise DomainError(_l("Enter a date."), "happened_on")
    entry = PartnerLogEntry(
        partner_id=partner.id,
        kind=kind,
        happened_on=happened_on,
        summary=clean_text(summary, 2000, "summary", required=True),
        by_id=getattr(by, "id", None),
        by_name=getattr(by, "name", "") or "",
    )
    db.session.add(entry)
    db.session.flush()
    record("partner.log", partner, after=snapshot(entry))
    return entry


def find_or_create_partner(by, name: str, partner_type: str = "other") -> Partner:
    """The partner whose name matches ``name`` (ignoring spaces and case), or a
    new one with that name."""
    found = db.session.scalar(select(Partner).where(Partner.name_key == name_key(name)))
    return found or create_partner(by, name=name, partner_type=partner_type)


def link_partner(
    by, *, name: str, drive_id=None, project_id=None
) -> PartnerLink | None:
    """Make the partner named ``name`` the drive's or project's partner; an empty
    name removes the link. Returns the link, or None."""
    column = PartnerLink.drive_id if drive_id else PartnerLink.project_id
    target = drive_id or project_id
    link = db.session.scalar(select(PartnerLink).where(column == target))
    name = " ".join(str(name or "").split())
    if not name:
        if link is not None:
            record("partner.unlink", link.partner, after={column.key: target})
            db.session.delete(link)
        return None
    partner = find_or_create_partner(by, name)
    if link is None:
        link = PartnerLink(drive_id=drive_id, project_id=project_id)
        db.session.add(link)
    elif link.partner_id == partner.id:
        return link
    link.partner_id = partner.id
    db.session.flush()
    record("partner.link", partner, after={column.key: target})
    return link
