"""Old path of the profile and availability services.

Kept so that other features and tests importing the old path keep
working while they move; new code imports from the modules named here.
"""

from __future__ import annotations

from volunteer_hub.volunteers.availability.services import (
    add_exception,
    list_exceptions,
    parse_slot,
    remove_exception,
    set_availability,
)
from volunteer_hub.volunteers.profile.services import (
    MAX_HOURS_LIMIT,
    PERSONAL_FIELDS,
    PLAIN_FIELDS,
    PROFILE_FIELDS,
    SpecialtyChoice,
    add_volunteer,
    apply_profile,
    audit_view,
    check_phone_free,
    clean_profile,
    create_volunteer,
    find_volunteer_by_phone,
    region,
    save_profile,
    set_id_number,
    set_specialties,
    update_profile,
    verify_specialty,
)

__all__ = [
    "MAX_HOURS_LIMIT",
    "PERSONAL_FIELDS",
    "PLAIN_FIELDS",
    "PROFILE_FIELDS",
    "SpecialtyChoice",
    "add_exception",
    "add_volunteer",
    "apply_profile",
    "audit_view",
    "check_phone_free",
    "clean_profile",
    "create_volunteer",
    "find_volunteer_by_phone",
    "list_exceptions",
    "parse_slot",
    "region",
    "remove_exception",
    "save_profile",
    "set_availability",
    "set_id_number",
    "set_specialties",
    "update_profile",
    "verify_specialty",
]
