"""A volunteer's coming shifts, for the panels on the volunteers' pages."""

from __future__ import annotations

from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Assignment, Shift


def upcoming_for(volunteer_id: int, *, staff: bool = False) -> list[Assignment]:
    """The volunteer's shifts still ahead that they are asked for or hold;
    ``staff`` adds the proposals the volunteer has not been told about yet."""
    statuses = ["invited", "confirmed", "declined"] + (["proposed"] if staff else [])
    return list(
        db.session.scalars(
            select(Assignment)
            .join(Shift, Shift.id == Assignment.shift_id)
            .where(
                Assignment.volunteer_id == volunteer_id,
                Assignment.status.in_(statuses),
                Shift.ends_at > clock.now(),
                Shift.cancelled_at.is_(None),
            )
            .order_by(Shift.starts_at)
            .limit(50)
        )
    )


def my_shifts_panel(volunteer, secret):
    """The volunteer's coming shifts on their personal page."""
    return {"items": upcoming_for(volunteer.id)}


def volunteer_shifts_panel(volunteer):
    """The volunteer's coming shifts on their staff page."""
    return {"items": upcoming_for(volunteer.id, staff=True)}
