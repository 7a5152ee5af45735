"""The stock ledger: on-hand sums, locking, transfers and adjustments.

The services are re-exported for the importers of the old ``drives.stock``.
"""

from volunteer_hub.drives.stock.services import (
    ZERO,
    adjust_stock,
    check_available,
    checked_quantity,
    ledger,
    lock_items,
    on_hand,
    stock_by_place,
    transfer_stock,
    wanted_by_place,
)

__all__ = [
    "ZERO",
    "adjust_stock",
    "check_available",
    "checked_quantity",
    "ledger",
    "lock_items",
    "on_hand",
    "stock_by_place",
    "transfer_stock",
    "wanted_by_place",
]
