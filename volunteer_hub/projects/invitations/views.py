"""The volunteer's side: answer an invitation from its link or from their page.

Both are public (the secret in the URL is the key) and rate-limited.
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.auth.access import public
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db, limiter
from volunteer_hub.projects import invitations
from volunteer_hub.projects.forms import ReplyForm
from volunteer_hub.projects.models import Assignment, Shift
from volunteer_hub.projects.views import bp
from volunteer_hub.volunteers.services_lifecycle import find_volunteer_by_secret


def _link_limit():
    return current_app.config.get("LINK_RATE_LIMIT", "30 per minute")


def _answer(assignment: Assignment, action: str, note: str) -> bool:
    """Apply the volunteer's answer; flashes the outcome, True if it worked."""
    actor = f"volunteer:{assignment.volunteer_id}"
    try:
        if action == "confirm":
            invitations.confirm(assignment, actor_label=actor)
        else:
            invitations.decline(assignment, actor_label=actor, note=note)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return False
    db.session.commit()
    if action == "confirm":
        flash(
            _("Thank you! You are on the shift. We will remind you the day before."),
            "success",
        )
    else:
        flash(
            _("Thank you for letting us know. The coordinator will find someone else."),
            "success",
        )
    return True


def _assignment_for(secret: str) -> Assignment:
    assignment = invitations.assignment_for_secret(secret)
    if assignment is None or assignment.volunteer.is_withdrawn:
        abort(404)
    return assignment


@bp.route("/shifts/r/<secret>", methods=["GET", "POST"])
@public
@limiter.limit(_link_limit)
def reply(secret):
    assignment = _assignment_for(secret)
    form = ReplyForm()
    if request.method == "POST":
        action = request.form.get("action")
        if action not in ("confirm", "decline"):
            abort(400)
        if form.validate_on_submit():
            _answer(assignment, action, form.note.data or "")
            return redirect(url_for("projects.reply", secret=secret))
    return render_template(
        "projects/reply.html",
        assignment=assignment,
        shift=assignment.shift,
        project=assignment.shift.project,
        form=form,
        secret=secret,
        can_reply=invitations.can_reply(assignment),
    )


@bp.get("/shifts/r/<secret>/shift.ics")
@public
@limiter.limit(_link_limit)
def reply_ics(secret):
    assignment = _assignment_for(secret)
    name, mime, data = invitations._ics(assignment)
    return Response(
        data,
        mimetype=mime,
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.post("/v/<secret>/shifts/<int:assignment_id>/<any(confirm,decline):action>")
@public
@limiter.limit(_link_limit)
def me_reply(secret, assignment_id, action):
    volunteer = find_volunteer_by_secret(secret)
    if volunteer is None:
        abort(404)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.volunteer_id != volunteer.id:
        abort(404)
    form = ReplyForm()
    if form.validate_on_submit():
        _answer(assignment, action, form.note.data or "")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
    return redirect(url_for("volunteers.me", secret=secret, _anchor="shifts"))


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


@bp.app_context_processor
def _reply_form():
    return {"reply_form": ReplyForm}


def my_shifts_panel(volunteer, secret):
    """The volunteer's coming shifts on their personal page."""
    return {"items": upcoming_for(volunteer.id)}


def volunteer_shifts_panel(volunteer):
    """The volunteer's coming shifts on their staff page."""
    return {"items": upcoming_for(volunteer.id, staff=True)}
