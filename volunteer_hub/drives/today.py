"""The drives' count on the staff home page (slot ``main.today``): pledges due.

Registered by the package's ``init_app`` (``volunteer_hub/drives/__init__.py``).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import exists, func, select

from volunteer_hub import clock
from volunteer_hub.drives.models import Drive, Pledge
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.extensions import db

# A pledge expected within this many days (or overdue) counts as due.
DUE_DAYS = 7


def due_pledges():
    """A select of the pledges not cancelled, of a drive not closed, expected
    by ``DUE_DAYS`` from today, with nothing delivered against them yet; the
    earliest expected first."""
    limit = clock.now().date() + timedelta(days=DUE_DAYS)
    return (
        select(Pledge)
        .join(Drive, Drive.id == Pledge.drive_id)
        .where(
            Pledge.cancelled_at.is_(None),
            Pledge.expected_on.is_not(None),
            Pledge.expected_on <= limit,
            Drive.status != "closed",
            ~exists().where(Intake.pledge_id == Pledge.id),
        )
        .order_by(Pledge.expected_on, Pledge.id)
    )


def pledges_due() -> int:
    """How many pledges ``due_pledges`` lists."""
    statement = due_pledges().order_by(None).subquery()
    return db.session.scalar(select(func.count()).select_from(statement))
