"""Read helpers of the donor pages."""

from __future__ import annotations

from sqlalchemy import or_, select

from volunteer_hub.drives.models import Donor
from volunteer_hub.forms import search_text


def search_donors(q: str | None):
    """A select of the donors (merged records left out) matching name, e-mail or
    at least four digits of the phone, by name."""
    statement = select(Donor).where(Donor.merged_into_id.is_(None))
    q = search_text(q)
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        digits = "".join(c for c in q if c.isdigit())
        conditions = [Donor.name.ilike(like), Donor.email.ilike(like)]
        if len(digits) >= 4:
            conditions.append(Donor.phone.like(f"%{digits}%"))
        statement = statement.where(or_(*conditions))
    return statement.order_by(Donor.name, Donor.id)
