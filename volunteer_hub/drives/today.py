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


def pledges_due() -> int:
    """Pledges not cancelled, of an open drive, expected by ``DUE_DAYS`` from
    today, with nothing delivered against them yet."""
    limit = clock.now().date() + timedelta(days=DUE_DAYS)
    return db.session.scalar(
        select(func.count(Pledge.id))
        .join(Drive, Drive.id == Pledge.drive_id)
        .where(
            Pledge.cancelled_at.is_(None),
            Pledge.expected_on.is_not(None),
            Pledge.expected_on <= limit,
            Drive.status != "closed",
            ~exists().where(Intake.pledge_id == Pledge.id),
        )
    )
