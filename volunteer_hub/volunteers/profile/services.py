"""Volunteer records: who they are, their specialties.

Audit events for volunteers never contain personal data (name, phone, e-mail,
ID number, notes, introduction): only that such a field changed. Withdrawal can
therefore erase a person completely although audit events are append-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import LEVELS
from volunteer_hub.organisation.models import Organisation
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.availability.services import set_availability
from volunteer_hub.volunteers.models import Specialty, Volunteer, VolunteerSpecialty

PERSONAL_FIELDS = ("name", "phone", "email", "intro", "notes", "id_number")
PLAIN_FIELDS = ("district", "max_hours_per_month", "preferred_locale")
PROFILE_FIELDS = PERSONAL_FIELDS + PLAIN_FIELDS
MAX_HOURS_LIMIT = 300


@dataclass(frozen=True)
class SpecialtyChoice:
    """What a person chose for one specialty on a form or in an import."""

    specialty_id: int
    level: str
    certificate_name: str = ""
    certificate_number: str = ""
    certificate_expiry: date | None = None


def audit_view(volunteer: Volunteer) -> dict:
    """What audit events may say about a volunteer: no personal data."""
    return {
        "status": volunteer.status,
        "is_core": volunteer.is_core,
        "district": volunteer.district,
        "max_hours_per_month": volunteer.max_hours_per_month,
        "source": volunteer.source,
        "consent_version": volunteer.consent_version,
    }


def region() -> str:
    """The organisation's country, for phone numbers; "CN" before set-up.

    Read once per request, as one column when the profile is not loaded.
    """
    if has_app_context() and "region" in g:
        return g.region
    if has_app_context() and "organisation" in g:
        found = current_organisation().country
    else:
        found = db.session.connection().scalar(
            select(Organisation.country).order_by(Organisation.id).limit(1)
        )
    if has_app_context():
        g.region = found or "CN"
    return found or "CN"


def find_volunteer_by_phone(phone: str) -> Volunteer | None:
    return db.session.scalar(select(Volunteer).where(Volunteer.phone == phone))


def _no_controls(values: dict) -> None:
    for key, value in values.items():
        if isinstance(value, str) and any(
            ord(c) < 32 and c not in "\t\r\n" for c in value
        ):
            raise DomainError(
                _l("This text contains characters that are not allowed."), key
            )


def clean_profile(values: dict) -> dict:
    """Validate and tidy profile values; raises DomainError on the bad field."""
    _no_controls(values)
    cleaned = {}
    if "name" in values:
        cleaned["name"] = personal.clean_name(values["name"])
    if "phone" in values:
        cleaned["phone"] = personal.normalise_phone(values["phone"], region())
    if "email" in values:
        email = (values["email"] or "").strip().lower()
        if len(email) > 254 or (email and "@" not in email):
            raise DomainError(_l("This is not a valid e-mail address."), "email")
        cleaned["email"] = email or None
    for key, limit in (("district", 100), ("intro", 1000), ("notes", 5000)):
        if key in values:
            text = (values[key] or "").strip()
            if len(text) > limit:
                raise DomainError(_l("At most %(n)d characters, please.", n=limit), key)
            cleaned[key] = text
    if "max_hours_per_month" in values:
        hours = values["max_hours_per_month"]
        if hours is not None and not 0 < int(hours) <= MAX_HOURS_LIMIT:
            raise DomainError(
                _l("Enter a number from 1 to %(n)d.", n=MAX_HOURS_LIMIT),
                "max_hours_per_month",
            )
        cleaned["max_hours_per_month"] = hours
    if "preferred_locale" in values:
        cleaned["preferred_locale"] = (
            "en" if str(values["preferred_locale"]).startswith("en") else "zh_Hans"
        )
    return cleaned


def check_phone_free(phone: str, volunteer: Volunteer | None = None) -> None:
    other = find_volunteer_by_phone(phone)
    if other is not None and other is not volunteer:
        raise DomainError(_l("This mobile number is already registered."), "phone")


def apply_profile(volunteer: Volunteer, cleaned: dict) -> tuple[dict, dict]:
    """Set cleaned values; returns the audit before/after without personal data."""
    before, after = {}, {}
    for key, value in cleaned.items():
        old = None
        if key == "id_number":
            changed = set_id_number(volunteer, value)
        else:
            old = getattr(volunteer, key)
            changed = old != value
            setattr(volunteer, key, value)
        if changed:
            hidden = key in PERSONAL_FIELDS
            before[key] = "•••" if hidden else old
            after[key] = "changed" if hidden else value
    return before, after


def set_id_number(volunteer: Volunteer, raw) -> bool:
    value = personal.clean_id_number(raw)
    if value == personal.unprotect(volunteer.id_number_protected):
        return False
    volunteer.id_number_protected = personal.protect(value) if value else None
    volunteer.id_number_masked = personal.mask_id_number(value) if value else None
    return True


def create_volunteer(
    *, source: str = "staff", status: str = "active", consent_version=None, **values
):
    """Add a volunteer from staff entry or an import; raises DomainError.

    ``values`` are profile fields (see PROFILE_FIELDS); name and phone are needed.
    ``consent_version``: the privacy notice the person agreed to (on paper, by
    phone), recorded with the current time; None when unknown.
    """
    values.setdefault("name", "")
    values.setdefault("phone", "")
    cleaned = clean_profile({k: v for k, v in values.items() if k != "id_number"})
    check_phone_free(cleaned["phone"])
    volunteer = Volunteer(source=source, status=status)
    if consent_version:
        volunteer.consent_version = consent_version
        volunteer.consent_at = clock.now()
    if status == "active":
        volunteer.approved_at = clock.now()
    db.session.add(volunteer)
    apply_profile(volunteer, cleaned)
    if values.get("id_number"):
        set_id_number(volunteer, values["id_number"])
    db.session.flush()
    record("volunteer.create", volunteer, after=audit_view(volunteer))
    return volunteer


def update_profile(volunteer: Volunteer, *, actor_label=None, **values) -> bool:
    """Change profile fields; True when something changed. Raises DomainError."""
    if volunteer.is_withdrawn:
        raise DomainError(_l("This volunteer has withdrawn."))
    cleaned = clean_profile(values)
    if "id_number" in values:
        cleaned["id_number"] = values["id_number"]
    if "phone" in cleaned:
        check_phone_free(cleaned["phone"], volunteer)
    before, after = apply_profile(volunteer, cleaned)
    if after:
        db.session.flush()
        record(
            "volunteer.update",
            volunteer,
            before=before,
            after=after,
            actor_label=actor_label,
        )
    return bool(after)


def add_volunteer(values: dict, *, specialties, slots, consent_version=None):
    """Staff add a volunteer with specialties and weekly times; raises DomainError.

    ``values`` are profile fields (PROFILE_FIELDS); see ``create_volunteer``.
    """
    volunteer = create_volunteer(
        source="staff", consent_version=consent_version, **values
    )
    set_specialties(volunteer, specialties)
    set_availability(volunteer, slots)
    return volunteer


def save_profile(volunteer, values: dict, *, specialties, slots, actor_label=None):
    """Change profile, specialties and weekly times at once; raises DomainError.

    ``actor_label`` names the volunteer when they edit their own page.
    """
    update_profile(volunteer, actor_label=actor_label, **values)
    set_specialties(volunteer, specialties, actor_label=actor_label)
    set_availability(volunteer, slots, actor_label=actor_label)
    return volunteer


def _check_choice(choice: SpecialtyChoice, specialty: Specialty | None, today):
    field = f"level_{choice.specialty_id}"
    if specialty is None:
        raise DomainError(_l("Choose a specialty from the list."), field)
    if choice.level not in LEVELS:
        raise DomainError(_l("Choose a level from the list."), field)
    if choice.level != "certified":
        return
    if not choice.certificate_name.strip():
        raise DomainError(
            _l("Enter the name of the certificate."), f"cert_name_{specialty.id}"
        )
    if choice.certificate_expiry and choice.certificate_expiry < today:
        raise DomainError(
            _l("This certificate has expired; choose 'experienced' instead."),
            f"cert_expiry_{specialty.id}",
        )


def set_specialties(volunteer, choices, *, actor_label=None) -> bool:
    """Replace the volunteer's specialties with ``choices``; True when changed.

    A changed certificate loses its verification. Retired specialties the
    volunteer already has may stay; new ones must be current.
    """
    today = clock.now().date()
    current = {vs.specialty_id: vs for vs in volunteer.specialties}
    wanted = {}
    for choice in choices:
        specialty = db.session.get(Specialty, choice.specialty_id)
        if specialty is not None and specialty.retired and specialty.id not in current:
            specialty = None
        _check_choice(choice, specialty, today)
        wanted[choice.specialty_id] = choice
    changed = [vs for sid, vs in current.items() if sid not in wanted]
    for vs in changed:
        volunteer.specialties.remove(vs)
    for sid, choice in wanted.items():
        changed += _merge_choice(volunteer, current.get(sid), choice)
    if changed:
        db.session.flush()
        summary = {vs.specialty.code: vs.level for vs in volunteer.specialties}
        record(
            "volunteer.specialties",
            volunteer,
            after={"specialties": summary},
            actor_label=actor_label,
        )
    return bool(changed)


def add_specialties(volunteer, choices, *, actor_label=None) -> bool:
    """The specialties of a volunteer created just now; True when there were any.

    What ``set_specialties`` does for a volunteer without specialties, in one
    INSERT of all the rows (no collection to load, no objects to track).
    Raises DomainError for a retired or unknown specialty or a bad level.
    """
    today = clock.now().date()
    wanted = {}
    for choice in choices:
        specialty = db.session.get(Specialty, choice.specialty_id)
        if specialty is not None and specialty.retired:
            specialty = None
        _check_choice(choice, specialty, today)
        wanted[choice.specialty_id] = (specialty.code, choice)
    if not wanted:
        return False
    rows = [
        {"volunteer_id": volunteer.id, "specialty_id": sid, **_choice_values(choice)}
        for sid, (_code, choice) in wanted.items()
    ]
    # Core, not the ORM's bulk path: nothing here needs the rows as objects.
    db.session.connection().execute(VolunteerSpecialty.__table__.insert(), rows)
    summary = {code: choice.level for code, choice in wanted.values()}
    record(
        "volunteer.specialties",
        volunteer,
        after={"specialties": summary},
        actor_label=actor_label,
    )
    return True


def _choice_values(choice: SpecialtyChoice) -> dict:
    """The columns of a VolunteerSpecialty; a certificate only for "certified"."""
    if choice.level != "certified":
        return {
            "level": choice.level,
            "certificate_name": "",
            "certificate_number": "",
            "certificate_expiry": None,
        }
    return {
        "level": choice.level,
        "certificate_name": choice.certificate_name.strip()[:200],
        "certificate_number": choice.certificate_number.strip()[:100],
        "certificate_expiry": choice.certificate_expiry,
    }


def _merge_choice(volunteer, existing, choice) -> list:
    values = _choice_values(choice)
    if existing is None:
        new = VolunteerSpecialty(specialty_id=choice.specialty_id, **values)
        new.specialty = db.session.get(Specialty, choice.specialty_id)
        volunteer.specialties.append(new)
        return [new]
    if all(getattr(existing, k) == v for k, v in values.items()):
        return []
    certificate = ("certificate_name", "certificate_number", "certificate_expiry")
    if any(getattr(existing, k) != values[k] for k in certificate + ("level",)):
        existing.verified_by_id = existing.verified_at = None
    for key, value in values.items():
        setattr(existing, key, value)
    return [existing]


def verify_specialty(link: VolunteerSpecialty, user) -> VolunteerSpecialty:
    """Record that ``user`` has seen the certificate behind a certified level."""
    if link.level != "certified":
        raise DomainError(_l("Only a certified level has a certificate to verify."))
    link.verified_by_id = user.id
    link.verified_at = clock.now()
    record(
        "volunteer.verify_certificate",
        link.volunteer,
        after={"specialty": link.specialty.code},
    )
    return link
