"""A volunteer's weekly times and the dated exceptions to them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import PARTS
from volunteer_hub.volunteers.models import AvailabilityException, AvailabilitySlot


def parse_slot(value: str) -> tuple[int, str] | None:
    """``"5-morning"`` → ``(5, "morning")``; None for anything else."""
    day, _, part = (value or "").partition("-")
    if day.isdigit() and len(day) == 1 and int(day) < 7 and part in PARTS:
        return int(day), part
    return None


def set_availability(volunteer, slots, *, actor_label=None) -> bool:
    """Replace the weekly slots with ``slots`` ((weekday, part) pairs)."""
    wanted = set(slots)
    if any(d not in range(7) or p not in PARTS for d, p in wanted):
        raise DomainError(_l("Choose times from the list."), "slots")
    if wanted == volunteer.slot_pairs():
        return False
    for slot in list(volunteer.slots):
        if (slot.weekday, slot.part) not in wanted:
            volunteer.slots.remove(slot)
    have = volunteer.slot_pairs()
    for day, part in sorted(wanted - have):
        volunteer.slots.append(AvailabilitySlot(weekday=day, part=part))
    db.session.flush()
    record(
        "volunteer.availability",
        volunteer,
        after={"slots": sorted(f"{d}-{p}" for d, p in wanted)},
        actor_label=actor_label,
    )
    return True


def add_exception(
    volunteer, *, day, part=None, available=False, note="", actor_label=None
):
    """A dated exception to the weekly pattern; raises DomainError for the past."""
    if day < clock.now().date():
        raise DomainError(_l("Choose today or a later date."), "day")
    if part is not None and part not in PARTS:
        raise DomainError(_l("Choose a time of day from the list."), "part")
    exception = AvailabilityException(
        volunteer_id=volunteer.id,
        day=day,
        part=part,
        available=available,
        note=(note or "").strip()[:200],
    )
    db.session.add(exception)
    db.session.flush()
    record(
        "volunteer.exception_add",
        volunteer,
        after={"day": day, "part": part, "available": available},
        actor_label=actor_label,
    )
    return exception


def remove_exception(volunteer, exception_id: int, *, actor_label=None) -> None:
    exception = db.session.get(AvailabilityException, exception_id)
    if exception is None or exception.volunteer_id != volunteer.id:
        raise DomainError(_l("This date is not in the list."))
    db.session.execute(
        delete(AvailabilityException).where(AvailabilityException.id == exception.id)
    )
    record(
        "volunteer.exception_remove",
        volunteer,
        before={"day": exception.day, "part": exception.part},
        actor_label=actor_label,
    )


def list_exceptions(volunteer, *, upcoming_only=True):
    statement = select(AvailabilityException).where(
        AvailabilityException.volunteer_id == volunteer.id
    )
    if upcoming_only:
        statement = statement.where(AvailabilityException.day >= clock.now().date())
    return list(db.session.scalars(statement.order_by(AvailabilityException.day)))
