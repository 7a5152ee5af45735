"""A volunteer's specialties: the levels and certificates they chose.

``profile.services`` re-exports these for the callers that import them there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import LEVELS
from volunteer_hub.volunteers.admin.kept import taxonomy
from volunteer_hub.volunteers.models import Specialty, VolunteerSpecialty


@dataclass(frozen=True)
class SpecialtyChoice:
    """What a person chose for one specialty on a form or in an import."""

    specialty_id: int
    level: str
    certificate_name: str = ""
    certificate_number: str = ""
    certificate_expiry: date | None = None


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


def new_specialties(choices) -> dict[int, tuple[str, SpecialtyChoice]]:
    """The checked choices of a volunteer created now, by specialty id, with
    each specialty's code; raises DomainError for a retired or unknown
    specialty or a bad level. Reads only the kept taxonomy, so a sign-up
    checks them before it writes anything."""
    today = clock.now().date()
    known = {entry.id: entry for entry in taxonomy()}
    wanted = {}
    for choice in choices:
        specialty = known.get(choice.specialty_id)
        if specialty is not None and specialty.retired:
            specialty = None
        _check_choice(choice, specialty, today)
        wanted[choice.specialty_id] = (specialty.code, choice)
    return wanted


def add_specialties(volunteer, wanted) -> dict:
    """Insert a new volunteer's specialties (``new_specialties``' answer) in one
    statement; returns what the audit event says: ``{code: level}``.

    What ``set_specialties`` does for a volunteer without specialties, with no
    collection to load and no objects to track.
    """
    rows = [
        {"volunteer_id": volunteer.id, "specialty_id": sid, **_choice_values(choice)}
        for sid, (_code, choice) in wanted.items()
    ]
    db.session.connection().execute(VolunteerSpecialty.__table__.insert(), rows)
    return {code: choice.level for code, choice in wanted.values()}


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
