"""Ranking, assigning, auto-fill, invitations, chat text and attendance."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.errors import DomainError, attach_error, commit_or_flash
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id
from volunteer_hub.projects import attendance, booking, invitations, services
from volunteer_hub.projects.adapter import current_weights
from volunteer_hub.projects.forms import (
    AttendanceForm,
    AutofillForm,
    CancelForm,
)
from volunteer_hub.projects.labels import reason_text
from volunteer_hub.projects.models import Assignment
from volunteer_hub.projects.views import bp, project_or_404, shift_or_404
from volunteer_hub.volunteers.models import Volunteer

PAGE_SIZES = (30, 100, 500)


def assignment_or_404(assignment_id: int) -> Assignment:
    return db.get_or_404(Assignment, assignment_id)


def _people(ids) -> dict[int, Volunteer]:
    if not ids:
        return {}
    found = db.session.scalars(select(Volunteer).where(Volunteer.id.in_(ids)))
    return {v.id: v for v in found}


def _back_to_shift(shift_id: int, anchor: str = ""):
    return redirect(
        url_for("projects.shift", shift_id=shift_id, _anchor=anchor or None)
    )


@bp.get("/projects/shifts/<int:shift_id>")
@coordinator_required
def shift(shift_id):
    shift = shift_or_404(shift_id)
    suggestion = None
    declined = any(a.status == "declined" for a in shift.assignments)
    if declined and shift.filled() < shift.slots:
        suggestion = booking.next_best_for(shift)
    records = {a.id: attendance.hours_record(a) for a in shift.assignments}
    return render_template(
        "projects/shift.html",
        shift=shift,
        project=shift.project,
        suggestion=suggestion,
        suggested=_people([suggestion.volunteer_id]) if suggestion else {},
        suggestion_reasons=booking.reasons_json(suggestion.reasons)
        if suggestion
        else [],
        now=clock.now(),
        records=records,
        cancel_form=CancelForm(formdata=None),
        attendance_form=AttendanceForm(formdata=None),
    )


@bp.get("/projects/shifts/<int:shift_id>/candidates")
@coordinator_required
def candidates(shift_id):
    shift = shift_or_404(shift_id)
    size = parse_id(request.args.get("show"), maximum=max(PAGE_SIZES))
    size = size if size in PAGE_SIZES else PAGE_SIZES[0]
    ranked, on_shift = booking.rank_for_shift(shift)
    eligible = [s for s in ranked if s.eligible]
    blocked = [s for s in ranked if not s.eligible]
    shown = eligible[:size] + blocked[:size]
    return render_template(
        "projects/candidates.html",
        shift=shift,
        project=shift.project,
        eligible=eligible[:size],
        blocked=blocked[:size],
        eligible_count=len(eligible),
        blocked_count=len(blocked),
        people=_people([s.volunteer_id for s in shown]),
        size=size,
        sizes=PAGE_SIZES,
        weights=current_weights(),
        full=shift.filled() >= shift.slots,
    )


@bp.post("/projects/shifts/<int:shift_id>/assign")
@coordinator_required
def assign(shift_id):
    shift = shift_or_404(shift_id)
    volunteer_id = parse_id(request.form.get("volunteer_id"))
    volunteer = db.session.get(Volunteer, volunteer_id) if volunteer_id else None
    if volunteer is None:
        abort(404)
    try:
        booking.assign_volunteer(
            shift,
            volunteer,
            origin="replacement"
            if request.form.get("origin") == "replacement"
            else "manual",
            user=current_user,
        )
    except booking.NotEligible as error:
        db.session.rollback()
        reasons = "; ".join(
            reason_text(r.code, dict(r.message_params)) for r in error.blockers
        )
        flash(
            _(
                "%(name)s cannot take this shift: %(reasons)s",
                name=volunteer.name,
                reasons=reasons,
            ),
            "error",
        )
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(
            _("%(name)s has been proposed for this shift.", name=volunteer.name),
            "success",
        )
    if request.form.get("next") == "candidates":
        return redirect(url_for("projects.candidates", shift_id=shift.id))
    return _back_to_shift(shift.id, "team")


@bp.post("/projects/assignments/<int:assignment_id>/remove")
@coordinator_required
def remove(assignment_id):
    assignment = assignment_or_404(assignment_id)
    commit_or_flash(
        lambda: booking.release(
            assignment, "cancelled", note=request.form.get("note", "")[:500]
        ),
        lambda: _(
            "%(name)s has been taken off the shift.", name=assignment.volunteer.name
        ),
    )
    return _back_to_shift(assignment.shift_id, "team")


@bp.post("/projects/assignments/<int:assignment_id>/invite")
@coordinator_required
def invite(assignment_id):
    assignment = assignment_or_404(assignment_id)
    commit_or_flash(
        lambda: invitations.invite(assignment, user=current_user),
        lambda: _(
            "The invitation has been sent to %(name)s.", name=assignment.volunteer.name
        ),
    )
    return _back_to_shift(assignment.shift_id, "team")


@bp.post("/projects/<int:project_id>/invite")
@coordinator_required
def invite_all(project_id):
    project = project_or_404(project_id)
    count = invitations.invite_proposed(project, user=current_user)
    db.session.commit()
    if count:
        flash(_("%(n)d invitations have been sent.", n=count), "success")
    else:
        flash(_("Nobody is waiting for an invitation."), "info")
    return redirect(url_for("projects.detail", project_id=project.id))


@bp.route("/projects/<int:project_id>/autofill", methods=["GET", "POST"])
@coordinator_required
def autofill(project_id):
    project = project_or_404(project_id)
    form = AutofillForm()
    if form.validate_on_submit():
        start, end = form.start.data, form.end.data
        if start and end and end < start:
            form.end.errors.append(_("The end date cannot be before the start."))
        else:
            try:
                made, dropped = booking.autofill(
                    project, start=start, end=end, user=current_user
                )
            except DomainError as error:
                db.session.rollback()
                attach_error(form, error)
            else:
                db.session.commit()
                flash(
                    _(
                        "%(n)d volunteers have been proposed. "
                        "Review them, then send the invitations.",
                        n=len(made),
                    ),
                    "success",
                )
                if dropped:
                    flash(
                        _(
                            "%(n)d proposals were dropped because those volunteers "
                            "were booked elsewhere meanwhile.",
                            n=dropped,
                        ),
                        "warning",
                    )
                return redirect(url_for("projects.detail", project_id=project.id))
    shifts = booking.open_shifts(project)
    open_slots = sum(max(0, s.slots - s.filled()) for s in shifts)
    return render_template(
        "projects/autofill.html",
        form=form,
        project=project,
        shifts=shifts,
        open_slots=open_slots,
    )


@bp.get("/projects/<int:project_id>/chat")
@coordinator_required
def chat(project_id):
    project = project_or_404(project_id)
    shifts = services.upcoming_shifts(project)
    return render_template(
        "projects/chat.html",
        project=project,
        text=invitations.chat_text(project, shifts),
    )
