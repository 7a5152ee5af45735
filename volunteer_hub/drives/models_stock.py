"""The old home of the intake, stock and distribution models, kept for importers.

The models live in ``intake/models.py``, ``stock/models.py`` and
``distributions/models.py``; import them from there in new code.
"""

from volunteer_hub.drives.distributions.models import Distribution, DistributionLine
from volunteer_hub.drives.intake.models import (
    CONDITION_LABELS,
    CONDITIONS,
    VALUATION_BASES,
    VALUATION_BASIS_LABELS,
    Intake,
    IntakeLine,
)
from volunteer_hub.drives.stock.models import (
    ADJUSTMENT_REASON_LABELS,
    ADJUSTMENT_REASONS,
    STOCK_KIND_LABELS,
    STOCK_KINDS,
    StockEntry,
)

__all__ = [
    "ADJUSTMENT_REASONS",
    "ADJUSTMENT_REASON_LABELS",
    "CONDITIONS",
    "CONDITION_LABELS",
    "STOCK_KINDS",
    "STOCK_KIND_LABELS",
    "VALUATION_BASES",
    "VALUATION_BASIS_LABELS",
    "Distribution",
    "DistributionLine",
    "Intake",
    "IntakeLine",
    "StockEntry",
]
