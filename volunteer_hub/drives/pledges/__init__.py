"""Pledges: what donors promise, and how much of it is still to come.

The services are re-exported for the importers of the old ``drives.pledges``.
"""

from volunteer_hub.drives.pledges.services import (
    cancel_pledge,
    create_pledge,
    fulfilled_by_line,
    open_pledges,
    pledge_is_fulfilled,
    pledge_lines_status,
    record_pledge,
)

__all__ = [
    "cancel_pledge",
    "create_pledge",
    "fulfilled_by_line",
    "open_pledges",
    "pledge_is_fulfilled",
    "pledge_lines_status",
    "record_pledge",
]
