"""Invitations: sending them, the chat text, and the volunteer's side (answering
from the invitation's link or from their personal page, the calendar file).

The volunteer's routes are public (the secret in the URL is the key) and
rate-limited.
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
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup

from volunteer_hub.auth.access import coordinator_required, public
from volunteer_hub.extensions import db, limiter
from volunteer_hub.projects.blueprint import (
    assignment_or_404,
    back_to_shift,
    bp,
    project_or_404,
)
from volunteer_hub.projects.invitations import services
from volunteer_hub.projects.invitations.chat import chat_text
from volunteer_hub.projects.invitations.forms import ReplyForm
from volunteer_hub.projects.invitations.queries import upcoming_for
from volunteer_hub.projects.models import Assignment
from volunteer_hub.projects.shifts.queries import upcoming_shifts
from volunteer_hub.volunteers.services_lifecycle import find_volunteer_by_secret
from volunteer_hub.web import commit_service

ANSWERED = {
    "confirm": lambda: _(
        "Thank you! You are on the shift. We will remind you the day before."
    ),
    "decline": lambda: _(
        "Thank you for letting us know. The coordinator will find someone else."
    ),
}


def _link_limit():
    return current_app.config.get("LINK_RATE_LIMIT", "30 per minute")


def _calendar_response(*assignments: Assignment) -> Response:
    name, mime, data = services.calendar_attachment(*assignments)
    return Response(
        data,
        mimetype=mime,
        headers={
            "Content-Disposition": f"attachment; filename={name}",
            "Cache-Control": "private, no-store",
        },
    )


def _mail_is_set_up() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def _flash_sent(count: int, name: str = "") -> None:
    """Say what happened: sent by mail, or waiting in Messages to be passed on
    by hand (no mail server)."""
    if _mail_is_set_up():
        if name:
            flash(_("The invitation has been sent to %(name)s.", name=name), "success")
        else:
            flash(_("%(n)d invitations have been sent.", n=count), "success")
        return
    waiting = url_for("outbox.index", status="waiting")
    link = Markup('<a href="%s">%s</a>') % (waiting, _("Messages"))
    text = ngettext(
        "%(num)d invitation is waiting in %(link)s to be passed on.",
        "%(num)d invitations are waiting in %(link)s to be passed on.",
        count,
        link=link,
    )
    flash(Markup(text), "warning")


@bp.post("/projects/assignments/<int:assignment_id>/invite")
@coordinator_required
def invite(assignment_id):
    assignment = assignment_or_404(assignment_id)
    if commit_service(lambda: services.invite(assignment, user=current_user)):
        _flash_sent(1, assignment.volunteer.name)
    return back_to_shift(assignment.shift_id, "team")


@bp.post("/projects/<int:project_id>/invite")
@coordinator_required
def invite_all(project_id):
    project = project_or_404(project_id)
    done = commit_service(lambda: services.invite_proposed(project, user=current_user))
    if done and done.value:
        _flash_sent(done.value)
    elif done:
        flash(_("Nobody is waiting for an invitation."), "info")
    return redirect(url_for("projects.detail", project_id=project.id))


@bp.get("/projects/<int:project_id>/chat")
@coordinator_required
def chat(project_id):
    project = project_or_404(project_id)
    text = chat_text(project, upcoming_shifts(project))
    return render_template("projects/chat.html", project=project, text=text)


@bp.get("/projects/assignments/<int:assignment_id>/shift.ics")
@coordinator_required
def assignment_ics(assignment_id):
    return _calendar_response(assignment_or_404(assignment_id))


def _answer(assignment: Assignment, action: str, note: str) -> None:
    """Apply the volunteer's answer and flash how it went."""
    if commit_service(
        lambda: services.answer_invitation(
            assignment,
            accept=action == "confirm",
            note=note,
            actor_label=f"volunteer:{assignment.volunteer_id}",
        )
    ):
        flash(ANSWERED[action](), "success")


def _assignment_for(secret: str) -> Assignment:
    assignment = services.assignment_for_secret(secret)
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
        if action not in ANSWERED:
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
        can_reply=services.can_reply(assignment),
    )


@bp.get("/shifts/r/<secret>/shift.ics")
@public
@limiter.limit(_link_limit)
def reply_ics(secret):
    return _calendar_response(_assignment_for(secret))


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


@bp.post("/v/<secret>/shifts/confirm-all")
@public
@limiter.limit(_link_limit)
def me_confirm_all(secret):
    volunteer = find_volunteer_by_secret(secret)
    if volunteer is None:
        abort(404)
    if ReplyForm().validate_on_submit():
        done = commit_service(
            lambda: services.confirm_all(
                volunteer, actor_label=f"volunteer:{volunteer.id}"
            )
        )
        if done:
            flash(ANSWERED["confirm"](), "success")
    return redirect(url_for("volunteers.me", secret=secret, _anchor="shifts"))


@bp.get("/v/<secret>/shifts.ics")
@public
@limiter.limit(_link_limit)
def me_calendar(secret):
    """Every coming shift the volunteer is asked for, holds or has declined,
    one event each: a declined one as cancelled, so that importing the file
    again takes it off a phone's calendar that has it. 404 when there is none."""
    volunteer = find_volunteer_by_secret(secret)
    if volunteer is None:
        abort(404)
    coming = upcoming_for(volunteer.id)
    if not coming:
        abort(404)
    return _calendar_response(*coming)
