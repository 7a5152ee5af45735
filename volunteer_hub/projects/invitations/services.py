"""Invitations with a confirm/decline link, replies, reminders and chat text.

Messages go through the outbox in the volunteer's own language, with an
``.ics`` file. The link's secret is only in the message; the assignment keeps
its hash (``links``), and a new invitation replaces it.
"""

from __future__ import annotations

from datetime import timedelta

from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.audit.services import record
from volunteer_hub.auth.models import User
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.links import hash_secret, new_secret, secret_matches
from volunteer_hub.matching import check_eligibility
from volunteer_hub.outbox.services import LINK_REMOVED, queue_message
from volunteer_hub.projects import adapter, ics
from volunteer_hub.projects.booking.services import (
    lock_for_booking,
    release,
    taken_places,
    withdraw_reminder,
)
from volunteer_hub.projects.ics import CalendarEvent
from volunteer_hub.projects.invitations.queries import upcoming_for
from volunteer_hub.projects.labels import shift_when
from volunteer_hub.projects.models import Assignment, Project
from volunteer_hub.urls import external_url

REMINDER_BEFORE = timedelta(days=1)


def _locale(volunteer) -> str:
    return "en" if str(volunteer.preferred_locale).startswith("en") else "zh_Hans"


def _calendar_event(assignment: Assignment) -> CalendarEvent:
    shift = assignment.shift
    if assignment.status in ("cancelled", "declined"):
        status = ics.CANCELLED
    elif assignment.status in ("proposed", "invited"):
        status = ics.TENTATIVE
    else:
        status = ics.CONFIRMED
    return CalendarEvent(
        uid=f"assignment-{assignment.id}@volunteer-hub",
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        summary=shift.project.display_name(_locale(assignment.volunteer)),
        location=shift.place or shift.project.place or "",
        description=shift.notes or "",
        status=status,
    )


def calendar_attachment(*assignments: Assignment) -> tuple[str, str, bytes]:
    """(file name, MIME type, bytes) of a calendar file with one event per
    assignment's shift; it never holds the reply link."""
    data = ics.calendar_file([_calendar_event(a) for a in assignments])
    name = "shift.ics" if len(assignments) == 1 else "shifts.ics"
    return (name, "text/calendar", data)


def _message(assignment: Assignment, template: str, subject: str, **context):
    volunteer = assignment.volunteer
    with force_locale(_locale(volunteer)):
        body = render_template(
            f"projects/mail/{template}.txt",
            assignment=assignment,
            shift=assignment.shift,
            project=assignment.shift.project,
            volunteer=volunteer,
            when=shift_when(assignment.shift),
            **context,
        )
        subject = str(subject)
    return body, subject


def _open_invitation(assignment: Assignment) -> tuple[str, str]:
    """Mark the assignment invited with a new reply link; (secret, link).

    Raises DomainError unless the volunteer is proposed or invited and the
    shift is still ahead.
    """
    if assignment.status not in ("proposed", "invited"):
        raise DomainError(_l("Only proposed or invited volunteers can be invited."))
    if assignment.shift.starts_at <= clock.now() or assignment.shift.is_cancelled:
        raise DomainError(_l("This shift has already started."))
    secret = new_secret()
    before = assignment.status
    assignment.status = "invited"
    assignment.reply_secret_hash = hash_secret(secret)
    assignment.invited_at = clock.now()
    record(
        "assignment.invite",
        assignment,
        before={"status": before},
        after={"status": "invited"},
    )
    return secret, external_url("projects.reply", secret=secret)


def _send_invitation(invited: list[tuple[Assignment, str]], *, user=None):
    """One message to one volunteer listing every shift of this sending, each
    with its reply link; staff never read the links (the outbox hides them)."""
    first = invited[0][0]
    volunteer = first.volunteer
    with force_locale(_locale(volunteer)):
        items = [(a, link, shift_when(a.shift)) for a, link in invited]
        body = render_template(
            "projects/mail/invitation.txt", volunteer=volunteer, items=items
        )
        subject = str(_l("Invitation to a volunteer shift"))
    message = queue_message(
        to_address=volunteer.email,
        to_name=volunteer.name,
        subject=subject,
        body=body,
        # One event per shift; the file leaves the links out (only the text
        # carries them).
        attachment=calendar_attachment(*(a for a, _link in invited)),
        entity=first,
        created_by=user,
        secret=invited[0][1],
    )
    for _assignment, link in invited[1:]:
        message.body = message.body.replace(link, str(LINK_REMOVED))
    return message


def invite(assignment: Assignment, *, user=None) -> str:
    """Send (or send again) the invitation; returns the link's secret.

    Raises DomainError unless the volunteer is proposed or invited and the
    shift is still ahead.
    """
    secret, link = _open_invitation(assignment)
    _send_invitation([(assignment, link)], user=user)
    return secret


def invite_proposed(project: Project, *, user=None) -> int:
    """Invite everyone still proposed on the project's upcoming shifts: one
    message per volunteer listing all their shifts. Returns the messages."""
    now = clock.now()
    by_volunteer: dict[int, list[tuple[Assignment, str]]] = {}
    for shift in sorted(project.shifts, key=lambda s: s.starts_at):
        if shift.is_cancelled or shift.starts_at <= now:
            continue
        for assignment in shift.assignments:
            if assignment.status == "proposed":
                _secret, link = _open_invitation(assignment)
                by_volunteer.setdefault(assignment.volunteer_id, []).append(
                    (assignment, link)
                )
    for invited in by_volunteer.values():
        _send_invitation(invited, user=user)
    return len(by_volunteer)


def assignment_for_secret(secret: str) -> Assignment | None:
    """The assignment whose invitation link holds ``secret``, or None."""
    if not secret or len(secret) > 200:
        return None
    found = db.session.scalar(
        select(Assignment).where(Assignment.reply_secret_hash == hash_secret(secret))
    )
    if found is None or not secret_matches(secret, found.reply_secret_hash):
        return None
    return found


def _hold(assignment: Assignment) -> None:
    """Serialise answers (a double tap sends two) and see the latest status."""
    lock_for_booking([assignment.shift_id], [assignment.volunteer_id])
    db.session.refresh(assignment)


def can_reply(assignment: Assignment) -> bool:
    shift = assignment.shift
    return (
        assignment.status in ("invited", "confirmed", "declined")
        and not shift.is_cancelled
        and shift.starts_at > clock.now()
    )


def confirm(assignment: Assignment, *, actor_label: str) -> None:
    """The volunteer accepts. From ``declined`` every hard rule is checked again
    (the place may have gone). Queues the reminder for the day before."""
    _hold(assignment)
    if not can_reply(assignment):
        raise DomainError(_l("This invitation can no longer be answered."))
    if assignment.status == "confirmed":
        return
    before = assignment.status
    if before == "declined":
        _rebook(assignment)
    assignment.status = "confirmed"
    assignment.replied_at = clock.now()
    _queue_reminder(assignment)
    record(
        "assignment.confirm",
        assignment,
        before={"status": before},
        after={"status": "confirmed"},
        actor_label=actor_label,
    )


def _rebook(assignment: Assignment) -> None:
    shift = assignment.shift
    if taken_places(shift) >= shift.slots:
        raise DomainError(_l("Sorry, this shift has been filled in the meantime."))
    spec = adapter.shift_spec(shift)
    people = adapter.load_candidates([spec], volunteer_ids=[assignment.volunteer_id])
    if not people or check_eligibility(people[0], spec):
        raise DomainError(_l("Sorry, you can no longer take this shift."))


def decline(assignment: Assignment, *, actor_label: str, note: str = "") -> None:
    """The volunteer says no (also after confirming, until the shift starts)."""
    _hold(assignment)
    if not can_reply(assignment):
        raise DomainError(_l("This invitation can no longer be answered."))
    if assignment.status == "declined":
        return
    release(assignment, "declined", note=note, actor_label=actor_label)
    tell_coordinator(assignment)


def answer_invitation(
    assignment: Assignment, *, accept: bool, actor_label: str, note: str = ""
) -> None:
    """The volunteer's answer from their link or page; raises DomainError."""
    if accept:
        confirm(assignment, actor_label=actor_label)
    else:
        decline(assignment, actor_label=actor_label, note=note)


def confirm_all(volunteer, *, actor_label: str) -> int:
    """The volunteer accepts every invitation still open; returns how many.
    Raises DomainError when one of them can no longer be answered."""
    open_ones = [a for a in upcoming_for(volunteer.id) if a.status == "invited"]
    for assignment in open_ones:
        confirm(assignment, actor_label=actor_label)
    return len(open_ones)


def tell_coordinator(assignment: Assignment, *, left: bool = False) -> None:
    """Tell the coordinator who sent the invitation (else who proposed the
    volunteer), with a link to the shift page and its suggested replacement.
    ``left``: the volunteer withdrew or stopped; the message names nobody and
    is about the shift (their messages are blanked)."""
    inviter = db.session.scalar(
        select(AuditEvent.actor_id)
        .where(
            AuditEvent.entity_type == "assignments",
            AuditEvent.entity_id == str(assignment.id),
            AuditEvent.action == "assignment.invite",
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    user = db.session.get(User, inviter or assignment.created_by_id or 0)
    if user is None or not user.active:
        return
    body = render_template(
        "projects/mail/left.txt" if left else "projects/mail/declined.txt",
        assignment=assignment,
        shift=assignment.shift,
        project=assignment.shift.project,
        when=shift_when(assignment.shift),
        link=external_url("projects.shift", shift_id=assignment.shift_id),
    )
    queue_message(
        to_address=user.email,
        to_name=user.name,
        subject=str(
            _l("A volunteer left a shift")
            if left
            else _l("A volunteer declined a shift")
        ),
        body=body,
        entity=assignment.shift if left else assignment,
    )


def _queue_reminder(assignment: Assignment) -> None:
    withdraw_reminder(assignment)
    shift = assignment.shift
    send_after = max(clock.now(), shift.starts_at - REMINDER_BEFORE)
    body, subject = _message(assignment, "reminder", _l("Reminder: your shift"))
    message = queue_message(
        to_address=assignment.volunteer.email,
        to_name=assignment.volunteer.name,
        subject=subject,
        body=body,
        attachment=calendar_attachment(assignment),
        send_after=send_after,
        entity=assignment,
    )
    db.session.flush()
    assignment.reminder_message_id = message.id
