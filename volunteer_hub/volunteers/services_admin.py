"""Old path of the admin services (taxonomy, settings, notice).

Kept so that other features and tests importing the old path keep
working while they move; new code imports from the modules named here.
"""

from __future__ import annotations

from volunteer_hub.volunteers.admin.services import (
    DEFAULT_NOTICE_EN,
    DEFAULT_NOTICE_ZH,
    SETTINGS_FIELDS,
    SPECIALTY_FIELDS,
    create_specialty,
    current_notice,
    current_settings,
    ensure_specialties,
    list_specialties,
    publish_notice,
    set_specialty_retired,
    specialties_to_choose,
    update_settings,
    update_specialty,
)

__all__ = [
    "DEFAULT_NOTICE_EN",
    "DEFAULT_NOTICE_ZH",
    "SETTINGS_FIELDS",
    "SPECIALTY_FIELDS",
    "create_specialty",
    "current_notice",
    "current_settings",
    "ensure_specialties",
    "list_specialties",
    "publish_notice",
    "set_specialty_retired",
    "specialties_to_choose",
    "update_settings",
    "update_specialty",
]
