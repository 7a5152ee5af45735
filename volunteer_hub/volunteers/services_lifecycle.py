"""Old path of the life-cycle and personal-link services.

Kept so that other features and tests importing the old path keep
working while they move; new code imports from the modules named here.
"""

from __future__ import annotations

from volunteer_hub.volunteers.lifecycle.services import (
    STAFF_STATUSES,
    AlreadyRegistered,
    approve_volunteer,
    repeated_sign_up,
    set_core,
    set_status,
    sign_up,
    valid_token,
    withdraw_volunteer,
)
from volunteer_hub.volunteers.personal_link.services import (
    find_volunteer_by_secret,
    pending_link,
    renew_link,
    request_link,
    rotate_link,
    send_link,
)

__all__ = [
    "AlreadyRegistered",
    "STAFF_STATUSES",
    "approve_volunteer",
    "find_volunteer_by_secret",
    "pending_link",
    "renew_link",
    "repeated_sign_up",
    "request_link",
    "rotate_link",
    "send_link",
    "set_core",
    "set_status",
    "sign_up",
    "valid_token",
    "withdraw_volunteer",
]
