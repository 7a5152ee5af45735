"""Intake at the drop-off point: deliveries counted, matched to pledges, reversed.

The services are re-exported for the importers of the old ``drives.intake``.
"""

from volunteer_hub.drives.intake.services import (
    INTAKE_SERIES,
    build_line,
    intake_summary,
    record_delivery,
    record_intake,
    reverse_intake,
)

__all__ = [
    "INTAKE_SERIES",
    "build_line",
    "intake_summary",
    "record_delivery",
    "record_intake",
    "reverse_intake",
]
