"""Donor access without an account: personal links, the donor's page, the lookup."""

from __future__ import annotations

# The old module path's name, still used by the benchmark and the hostile sweep.
from volunteer_hub.receipts.access.services import create_link

__all__ = ["create_link"]
