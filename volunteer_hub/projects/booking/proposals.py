"""Writing proposals: one assignment at a time, or a whole roster at once.

Either way each proposal leaves one ``assignments`` row and one
``assignment.propose`` audit event with the same values; the caller holds the
locks and has re-checked the rules (``booking.services``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, insert, select

from volunteer_hub.audit.services import record, record_many
from volunteer_hub.extensions import db
from volunteer_hub.matching import Reason
from volunteer_hub.projects.models import FILLING, Assignment


def reasons_json(reasons: Iterable[Reason]) -> list[dict]:
    return [{"code": r.code, "params": dict(r.message_params)} for r in reasons]


def _proposal_values(shift_id, volunteer_id, score, reasons, origin, user) -> dict:
    """The columns a proposal sets, on a new row or on one used before."""
    return {
        "shift_id": shift_id,
        "volunteer_id": volunteer_id,
        "status": "proposed",
        "score": Decimal(str(round(score, 2))),
        "reasons": reasons_json(reasons),
        "origin": origin,
        "reply_secret_hash": None,
        "invited_at": None,
        "replied_at": None,
        "created_by_id": getattr(user, "id", None),
    }


def _audited(values: dict) -> dict:
    """What a proposal's audit event records as ``after``."""
    names = ("shift_id", "volunteer_id", "status", "score", "origin")
    return {name: values[name] for name in names}


def write_proposal(
    shift, volunteer_id, current, score, reasons, origin, user
) -> Assignment:
    """Propose ``volunteer_id`` for ``shift``, audited; ``current`` is the
    pair's row from before (taken off or declined), reused when given."""
    values = _proposal_values(shift.id, volunteer_id, score, reasons, origin, user)
    before = {"status": current.status} if current is not None else None
    assignment = current or Assignment(shift=shift)
    for name, value in values.items():
        setattr(assignment, name, value)
    db.session.add(assignment)
    db.session.flush()
    record("assignment.propose", assignment, before=before, after=_audited(values))
    return assignment


def _insert_proposals(items, origin: str, user) -> list[Assignment]:
    """New proposals (solver `Assignment`s) as one INSERT of every row, and
    their audit events (one each, as `write_proposal` records) as one more; the
    rows come back in the order of ``items``."""
    if not items:
        return []
    values = [
        _proposal_values(
            item.shift_id, item.volunteer_id, item.score, item.reasons, origin, user
        )
        for item in items
    ]
    # RETURNING gives no order on SQLite unless each row is sent on its own;
    # (shift, volunteer) is unique, so the rows are matched by that instead.
    made = db.session.scalars(insert(Assignment).returning(Assignment), values)
    by_pair = {(row.shift_id, row.volunteer_id): row for row in made}
    rows = [by_pair[(item.shift_id, item.volunteer_id)] for item in items]
    record_many(
        "assignment.propose",
        Assignment.__tablename__,
        [(row.id, None, _audited(v)) for row, v in zip(rows, values, strict=True)],
    )
    return rows


def open_places(shifts) -> dict[int, int]:
    """Each shift's places not held yet, counted in one query."""
    taken = dict(
        db.session.execute(
            select(Assignment.shift_id, func.count(Assignment.id))
            .where(
                Assignment.shift_id.in_([shift.id for shift in shifts]),
                Assignment.status.in_(FILLING),
            )
            .group_by(Assignment.shift_id)
        ).all()
    )
    return {shift.id: shift.slots - taken.get(shift.id, 0) for shift in shifts}


def write_proposals(items, shifts, chosen, user) -> list[Assignment]:
    """Write the accepted proposals, in roster order. A pair that has a row
    already (someone took it and let it go meanwhile) reuses it; every other
    is new, and all of those go in together."""
    rows = {
        (a.shift_id, a.volunteer_id): a
        for a in db.session.scalars(
            select(Assignment)
            .where(
                Assignment.shift_id.in_([shift.id for shift in shifts]),
                Assignment.volunteer_id.in_(chosen),
            )
            .execution_options(populate_existing=True)
        )
    }
    by_id = {shift.id: shift for shift in shifts}
    written = {}
    for item in items:
        key = (item.shift_id, item.volunteer_id)
        if key in rows:
            written[key] = write_proposal(
                by_id[item.shift_id],
                item.volunteer_id,
                rows[key],
                item.score,
                item.reasons,
                "auto",
                user,
            )
    new = [item for item in items if (item.shift_id, item.volunteer_id) not in rows]
    for item, row in zip(new, _insert_proposals(new, "auto", user), strict=True):
        written[(item.shift_id, item.volunteer_id)] = row
    return [written[(item.shift_id, item.volunteer_id)] for item in items]
