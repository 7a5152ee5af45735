"""Old path of the hours services.

Kept so that other features and tests importing the old path keep
working while they move; new code imports from the modules named here.
"""

from __future__ import annotations

from volunteer_hub.volunteers.hours.services import (
    MAX_HOURS_PER_RECORD,
    STEP,
    approve_service,
    approved_filter,
    approved_hours,
    can_correct,
    clean_hours,
    correct_service,
    effective_records,
    history,
    is_reversed,
    record_service,
    reject_service,
    review_service,
    waiting_records,
)

__all__ = [
    "MAX_HOURS_PER_RECORD",
    "STEP",
    "approve_service",
    "approved_filter",
    "approved_hours",
    "can_correct",
    "clean_hours",
    "correct_service",
    "effective_records",
    "history",
    "is_reversed",
    "record_service",
    "reject_service",
    "review_service",
    "waiting_records",
]
