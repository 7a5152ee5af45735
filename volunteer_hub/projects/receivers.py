"""What projects do when the volunteers feature changes a person.

A volunteer who withdraws or becomes inactive is taken off every shift that
has not started yet; shifts already served keep their history. Withdrawal also
blanks the messages about their shifts.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.outbox.services import anonymise
from volunteer_hub.projects.booking.services import release
from volunteer_hub.projects.invitations.services import tell_coordinator
from volunteer_hub.projects.models import HOLDING, Assignment, Shift
from volunteer_hub.volunteers import signals


def release_future_shifts(volunteer, note: str) -> int:
    future = db.session.scalars(
        select(Assignment)
        .join(Shift, Shift.id == Assignment.shift_id)
        .where(
            Assignment.volunteer_id == volunteer.id,
            Assignment.status.in_(HOLDING),
            Assignment.status != "attended",
            Shift.starts_at > clock.now(),
        )
    ).all()
    for assignment in future:
        release(assignment, "cancelled", note=note, actor_label="system")
        tell_coordinator(assignment, left=True)
    return len(future)


def connect() -> None:
    """Listen to the volunteers feature (called once, from ``init_app``)."""
    signals.volunteer_withdrawn.connect(on_withdrawn, weak=False)
    signals.volunteer_status_changed.connect(on_status_changed, weak=False)


# The notes on the assignments these release are fixed keys, shown in the
# reader's language (SYSTEM_NOTES, registered by projects.init_app).
SYSTEM_NOTES = {
    "volunteer withdrew": _l("The volunteer withdrew."),
    "volunteer status: inactive": _l("The volunteer was made inactive."),
    "volunteer status: withdrawn": _l("The volunteer withdrew."),
}


def on_withdrawn(volunteer, **_):
    release_future_shifts(volunteer, "volunteer withdrew")
    # Invitations and reminders name the person and carry their reply link.
    assignments = select(Assignment.id).where(Assignment.volunteer_id == volunteer.id)
    anonymise(Assignment.__tablename__, db.session.scalars(assignments).all())


def on_status_changed(volunteer, old=None, new=None, **_):
    if new in ("inactive", "withdrawn"):
        release_future_shifts(volunteer, f"volunteer status: {new}")
