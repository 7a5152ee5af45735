"""Which intake and distribution rows a report counts.

Corrections in the drives feature are reversing rows that negate an original in
full (``reverses_id``). A report therefore leaves out both the reversal and the
reversed original: the net is the same as summing everything, and each delivery
keeps its own date (a correction does not move goods into the month it was made).
"""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from volunteer_hub.drives.models_stock import Distribution, Intake


def effective_intake(intake=Intake):
    """Condition: ``intake`` is an original delivery that was not reversed."""
    reversal = aliased(Intake)
    return and_(
        intake.reverses_id.is_(None),
        ~select(reversal.id).where(reversal.reverses_id == intake.id).exists(),
    )


def effective_distribution(distribution=Distribution):
    """Condition: ``distribution`` is an original that was not reversed."""
    reversal = aliased(Distribution)
    return and_(
        distribution.reverses_id.is_(None),
        ~select(reversal.id).where(reversal.reverses_id == distribution.id).exists(),
    )
