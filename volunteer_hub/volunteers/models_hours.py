"""Old path of the hours and certificate models.

Kept so that other features and tests importing the old path keep
working while they move; new code imports from the modules named here.
"""

from __future__ import annotations

from volunteer_hub.volunteers.certificates.models import (
    ServiceCertificate,
)
from volunteer_hub.volunteers.hours.models import (
    DECISIONS,
    RECORD_SOURCES,
    ServiceRecord,
    ServiceReview,
)

__all__ = [
    "DECISIONS",
    "RECORD_SOURCES",
    "ServiceCertificate",
    "ServiceRecord",
    "ServiceReview",
]
