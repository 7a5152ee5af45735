"""Read-only figures for the admin pages."""

from __future__ import annotations

from sqlalchemy import func, select

from volunteer_hub.extensions import db
from volunteer_hub.volunteers.models import VolunteerSpecialty


def holders_by_specialty() -> dict[int, int]:
    """How many volunteers hold each specialty (by specialty id)."""
    rows = db.session.execute(
        select(VolunteerSpecialty.specialty_id, func.count()).group_by(
            VolunteerSpecialty.specialty_id
        )
    )
    return dict(rows.all())
