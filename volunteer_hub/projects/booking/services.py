"""Putting volunteers on shifts without ever double-booking them.

Every booking runs the same way: lock the shift, then the volunteer (always
in that order, ids ascending, so two coordinators cannot deadlock), reload
the volunteer's bookings and hours *after* the lock, check the hard rules
of ``volunteer_hub.matching`` against those fresh facts, then write. On
PostgreSQL the locks are ``SELECT … FOR UPDATE`` on the rows; on SQLite the
first lock takes the database write lock, which serialises every writer.
Either way the lock lasts until the request commits or rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, text

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.matching import (
    Candidate,
    Reason,
    ShiftSpec,
    Weights,
    check_eligibility,
    propose_roster,
    score_candidate,
)
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.projects import adapter
from volunteer_hub.projects.booking.proposals import (
    open_places,
    write_proposal,
    write_proposals,
)
from volunteer_hub.projects.booking.queries import open_shifts, pool_context
from volunteer_hub.projects.labels import reason_text
from volunteer_hub.projects.models import (
    FILLING,
    HOLDING,
    Assignment,
    MatchingSettings,
    Project,
    Shift,
)
from volunteer_hub.volunteers.models import Volunteer


def _lock_rows(table: str, ids: Iterable[int]) -> None:
    ids = sorted(set(ids))
    if not ids:
        return
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            text(f"SELECT id FROM {table} WHERE id = ANY(:ids) ORDER BY id FOR UPDATE"),
            {"ids": ids},
        )
    else:
        # SQLite has no row locks: a write that changes nothing takes the
        # database write lock now, before anything below is read.
        db.session.execute(
            text(f"UPDATE {table} SET id = id WHERE id = :id"), {"id": ids[0]}
        )


def lock_for_booking(shift_ids: Iterable[int], volunteer_ids: Iterable[int]) -> None:
    """Hold the shifts and volunteers until the transaction ends."""
    _lock_rows("shifts", shift_ids)
    _lock_rows("volunteers", volunteer_ids)


def taken_places(shift: Shift) -> int:
    """How many of the shift's places are held, read from the database."""
    return db.session.scalar(
        select(func.count(Assignment.id)).where(
            Assignment.shift_id == shift.id, Assignment.status.in_(FILLING)
        )
    )


def _existing(shift: Shift, volunteer_id: int) -> Assignment | None:
    return db.session.scalar(
        select(Assignment)
        .where(Assignment.shift_id == shift.id, Assignment.volunteer_id == volunteer_id)
        .execution_options(populate_existing=True)
    )


class NotEligible(DomainError):
    """A hard rule forbids the booking; ``blockers`` says which (and the
    message names them, in the reader's language)."""

    def __init__(self, volunteer: Volunteer, blockers: list[Reason]):
        reasons = "; ".join(
            reason_text(r.code, dict(r.message_params)) for r in blockers
        )
        super().__init__(
            _l(
                "%(name)s cannot take this shift: %(reasons)s",
                name=volunteer.name,
                reasons=reasons,
            )
        )
        self.blockers = blockers


def _check_bookable(shift: Shift) -> None:
    if shift.is_cancelled:
        raise DomainError(_l("This shift has been cancelled."))
    if shift.project.status in ("completed", "cancelled"):
        raise DomainError(_l("This project is closed."))
    if shift.starts_at <= clock.now():
        raise DomainError(_l("This shift has already started."))


def assign_volunteer(
    shift: Shift, volunteer: Volunteer, *, origin: str = "manual", user=None
) -> Assignment:
    """Propose ``volunteer`` for ``shift`` after checking every hard rule.

    Raises NotEligible (with the blockers) when a rule forbids it, DomainError
    when the shift is full, closed or already holds them.
    """
    _check_bookable(shift)
    lock_for_booking([shift.id], [volunteer.id])
    current = _existing(shift, volunteer.id)
    if current is not None and current.holds_time:
        raise DomainError(_l("This volunteer is already on this shift."))
    if taken_places(shift) >= shift.slots:
        raise DomainError(_l("This shift is already full."))
    spec = adapter.shift_spec(shift)
    (candidate,) = adapter.load_candidates(
        [spec], volunteer_ids=[volunteer.id], include_withdrawn=True
    ) or [None]
    blockers = check_eligibility(candidate, spec) if candidate else []
    if blockers:
        raise NotEligible(volunteer, blockers)
    scored = score_candidate(
        candidate, spec, adapter.current_weights(), context=pool_context()
    )
    return write_proposal(
        shift, volunteer.id, current, scored.score, scored.reasons, origin, user
    )


def release(assignment: Assignment, status: str, *, note: str = "", actor_label=None):
    """Take a volunteer off a shift (``cancelled`` or ``declined``); audited.

    A reminder that has not been sent yet is withdrawn from the outbox.
    """
    if not assignment.holds_time or assignment.status == "attended":
        raise DomainError(_l("This volunteer is no longer on this shift."))
    before = assignment.status
    assignment.status = status
    assignment.note = (note or "")[:500]
    if status == "declined":
        assignment.replied_at = clock.now()
    assignment.reply_secret_hash = (
        None if status == "cancelled" else (assignment.reply_secret_hash)
    )
    withdraw_reminder(assignment)
    record(
        f"assignment.{status}",
        assignment,
        before={"status": before},
        after={"status": status},
        note=note,
        actor_label=actor_label,
    )


def withdraw_reminder(assignment: Assignment) -> None:
    """Drop a reminder that has not gone out (the volunteer is no longer coming)."""
    if assignment.reminder_message_id is None:
        return
    message = db.session.get(OutboxMessage, assignment.reminder_message_id)
    assignment.reminder_message_id = None
    db.session.flush()
    if message is not None and message.status in ("queued", "stored"):
        db.session.delete(message)
        record(
            "outbox.withdraw", assignment, before={"reminder_message_id": message.id}
        )


def _fits(candidate: Candidate, spec: ShiftSpec) -> Candidate | None:
    """``candidate`` with ``spec`` booked, or None if a hard rule forbids it."""
    if check_eligibility(candidate, spec):
        return None
    hours = dict(candidate.hours_by_month)
    hours[spec.month] = hours.get(spec.month, 0.0) + spec.hours
    booked = (*candidate.booked, (spec.start, spec.end))
    return replace(candidate, hours_by_month=hours, booked=booked)


def autofill(
    project: Project, *, start: date | None = None, end: date | None = None, user=None
) -> tuple[list[Assignment], int]:
    """Propose the best feasible roster for the open slots of ``project``.

    Returns the new assignments and how many proposals had to be dropped
    because someone else booked the same people meanwhile (re-checked under
    the locks). Raises DomainError when there is nothing to fill.
    """
    shifts = open_shifts(project, start, end)
    if not shifts:
        raise DomainError(_l("There are no upcoming shifts to fill in this period."))
    zone = adapter.local_zone()
    specs = {shift.id: adapter.shift_spec(shift, zone) for shift in shifts}
    existing = set(
        db.session.execute(
            select(Assignment.shift_id, Assignment.volunteer_id).where(
                Assignment.shift_id.in_(specs), Assignment.status.in_(HOLDING)
            )
        ).tuples()
    )
    declined = set(
        db.session.execute(
            select(Assignment.shift_id, Assignment.volunteer_id).where(
                Assignment.shift_id.in_(specs), Assignment.status.not_in(HOLDING)
            )
        ).tuples()
    )
    pool = adapter.load_pool(list(specs.values()), zone=zone)
    weights = adapter.current_weights()
    # People who declined or were taken off a shift are not proposed for it again.
    roster = propose_roster(specs.values(), pool, weights, existing=existing | declined)
    return _book_roster(roster, shifts, specs, zone, user)


def _book_roster(roster, shifts, specs, zone, user):
    chosen = sorted({a.volunteer_id for a in roster.assignments})
    lock_for_booking(specs, chosen)
    fresh = {
        c.volunteer_id: c
        for c in adapter.load_candidates(
            list(specs.values()), volunteer_ids=chosen, zone=zone
        )
    }
    room = open_places(shifts)
    accepted, dropped = [], 0
    for item in roster.assignments:
        person = fresh.get(item.volunteer_id)
        # Booking the same shift twice is an overlap, so _fits catches it too.
        updated = _fits(person, specs[item.shift_id]) if person else None
        if updated is None or room[item.shift_id] <= 0:
            dropped += 1
            continue
        fresh[item.volunteer_id] = updated
        room[item.shift_id] -= 1
        accepted.append(item)
    return write_proposals(accepted, shifts, chosen, user), dropped


def update_weights(values: dict, *, user=None) -> Weights:
    """Store the admin's matching weights (audited); raises DomainError."""
    try:
        weights = Weights.from_mapping({k: float(v) for k, v in values.items()})
    except (TypeError, ValueError):
        raise DomainError(_l("Enter a number from 0 to 100 for each weight.")) from None
    row = db.session.scalar(select(MatchingSettings).limit(1))
    if row is None:
        row = MatchingSettings(weights={})
        db.session.add(row)
        db.session.flush()
    before = dict(row.weights or {})
    row.weights = {
        name: getattr(weights, name) for name in weights.__dataclass_fields__
    }
    row.updated_by_id = getattr(user, "id", None)
    record("matching.weights", row, before=before, after=row.weights)
    return weights
