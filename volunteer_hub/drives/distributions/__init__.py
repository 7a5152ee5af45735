"""Distributions: goods leaving the drive, never more than is in stock.

The services are re-exported for the importers of the old ``drives.distributions``.
"""

from volunteer_hub.drives.distributions.services import (
    DISTRIBUTION_SERIES,
    pass_through,
    record_distribution,
    reverse_distribution,
)

__all__ = [
    "DISTRIBUTION_SERIES",
    "pass_through",
    "record_distribution",
    "reverse_distribution",
]
