"""Volunteer records: who they are (their specialties: ``profile.specialties``).

Audit events for volunteers never contain personal data (name, phone, e-mail,
ID number, notes, introduction): only that such a field changed. Withdrawal can
therefore erase a person completely although audit events are append-only.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import organisation_profile
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.availability.services import set_availability
from volunteer_hub.volunteers.models import Volunteer
from volunteer_hub.volunteers.profile import specialties

PERSONAL_FIELDS = ("name", "phone", "email", "intro", "notes", "id_number")
PLAIN_FIELDS = ("district", "max_hours_per_month", "preferred_locale")
PROFILE_FIELDS = PERSONAL_FIELDS + PLAIN_FIELDS
MAX_HOURS_LIMIT = 300

# Specialties are kept in profile.specialties; these names stay here for the
# features and tests that import them from this module.
SpecialtyChoice = specialties.SpecialtyChoice
set_specialties = specialties.set_specialties
verify_specialty = specialties.verify_specialty


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
    """The organisation's country, for phone numbers; "CN" before set-up."""
    org = organisation_profile()
    return (org.country if org is not None else "") or "CN"


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
