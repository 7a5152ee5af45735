"""Matching pages: everyone ranked for a shift, proposing and taking people
off, auto-filling a project, and the admin's matching weights."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import admin_required, coordinator_required
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id
from volunteer_hub.projects.adapter import current_weights
from volunteer_hub.projects.blueprint import (
    assignment_or_404,
    back_to_shift,
    bp,
    project_or_404,
    shift_or_404,
)
from volunteer_hub.projects.booking import queries, services
from volunteer_hub.projects.booking.forms import (
    AssignForm,
    AutofillForm,
    weights_form_class,
)
from volunteer_hub.volunteers.models import Volunteer
from volunteer_hub.web import commit_service

PAGE_SIZES = (30, 100, 500)


@bp.get("/projects/shifts/<int:shift_id>/candidates")
@coordinator_required
def candidates(shift_id):
    shift = shift_or_404(shift_id)
    size = parse_id(request.args.get("show"), maximum=max(PAGE_SIZES))
    size = size if size in PAGE_SIZES else PAGE_SIZES[0]
    ranked, _on_shift = queries.rank_for_shift(shift)
    # The eligible come first; only the rows shown are made (of thousands).
    count = ranked.eligible_count
    eligible = ranked[: min(size, count)]
    blocked = ranked[count : count + size]
    shown = eligible + blocked
    return render_template(
        "projects/candidates.html",
        shift=shift,
        project=shift.project,
        eligible=eligible,
        blocked=blocked,
        eligible_count=count,
        blocked_count=len(ranked) - count,
        people=queries.volunteers_by_id([s.volunteer_id for s in shown]),
        size=size,
        sizes=PAGE_SIZES,
        weights=current_weights(),
        full=shift.filled() >= shift.slots,
    )


@bp.post("/projects/shifts/<int:shift_id>/assign")
@coordinator_required
def assign(shift_id):
    shift = shift_or_404(shift_id)
    form = AssignForm()
    if not form.validate_on_submit():
        abort(404)
    volunteer = db.get_or_404(Volunteer, form.volunteer_id.data)
    if commit_service(
        lambda: services.assign_volunteer(
            shift, volunteer, origin=form.chosen_origin, user=current_user
        )
    ):
        flash(
            _("%(name)s has been proposed for this shift.", name=volunteer.name),
            "success",
        )
    if form.next.data == "candidates":
        return redirect(url_for("projects.candidates", shift_id=shift.id))
    return back_to_shift(shift.id, "team")


@bp.post("/projects/assignments/<int:assignment_id>/remove")
@coordinator_required
def remove(assignment_id):
    assignment = assignment_or_404(assignment_id)
    note = request.form.get("note", "")[:500]
    if commit_service(lambda: services.release(assignment, "cancelled", note=note)):
        flash(
            _("%(name)s has been taken off the shift.", name=assignment.volunteer.name),
            "success",
        )
    return back_to_shift(assignment.shift_id, "team")


def _flash_autofill(made: int, dropped: int) -> None:
    flash(
        _(
            "%(n)d volunteers have been proposed. "
            "Review them, then send the invitations.",
            n=made,
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


@bp.route("/projects/<int:project_id>/autofill", methods=["GET", "POST"])
@coordinator_required
def autofill(project_id):
    project = project_or_404(project_id)
    form = AutofillForm()
    if form.validate_on_submit() and (
        done := commit_service(
            lambda: services.autofill(
                project, start=form.start.data, end=form.end.data, user=current_user
            ),
            form=form,
        )
    ):
        made, dropped = done.value
        _flash_autofill(len(made), dropped)
        return redirect(url_for("projects.detail", project_id=project.id))
    shifts = queries.open_shifts(project)
    return render_template(
        "projects/autofill.html",
        form=form,
        project=project,
        shifts=shifts,
        open_slots=sum(max(0, s.slots - s.filled()) for s in shifts),
    )


@bp.route("/projects/weights", methods=["GET", "POST"])
@admin_required
def weights():
    current = current_weights()
    names = current.__dataclass_fields__
    form = weights_form_class()(data={n: getattr(current, n) for n in names})
    if form.validate_on_submit() and commit_service(
        lambda: services.update_weights(
            {n: form[n].data for n in names}, user=current_user
        ),
        form=form,
    ):
        flash(_("The matching weights have been saved."), "success")
        return redirect(url_for("projects.weights"))
    return render_template("projects/weights.html", form=form)
