"""What the batches page lists."""

from __future__ import annotations

from sqlalchemy import select

from volunteer_hub.drives.models import Drive
from volunteer_hub.extensions import db
from volunteer_hub.jobs.models import Job


def recent_drives(limit: int = 100) -> list[Drive]:
    return list(
        db.session.scalars(select(Drive).order_by(Drive.id.desc()).limit(limit))
    )


def recent_batches(limit: int = 20) -> list[Job]:
    """The latest receipt jobs, newest first."""
    statement = (
        select(Job)
        .where(Job.kind.like("receipts.%"))
        .order_by(Job.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(statement))
