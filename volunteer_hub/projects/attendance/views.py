"""After the shift: attendance and hours; the calendar file; matching weights."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import admin_required, coordinator_required
from volunteer_hub.errors import DomainError, attach_error, commit_or_flash
from volunteer_hub.extensions import db
from volunteer_hub.projects import attendance, invitations, services
from volunteer_hub.projects.adapter import current_weights
from volunteer_hub.projects.forms import AttendanceForm, weights_form_class
from volunteer_hub.projects.views import bp
from volunteer_hub.projects.views_match import _back_to_shift, assignment_or_404


@bp.post("/projects/assignments/<int:assignment_id>/attendance")
@coordinator_required
def mark(assignment_id):
    assignment = assignment_or_404(assignment_id)
    form = AttendanceForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return _back_to_shift(assignment.shift_id, "team")
    commit_or_flash(
        lambda: attendance.mark_attendance(
            assignment,
            attended=form.outcome.data == "attended",
            hours=form.hours.data,
            user=current_user,
        ),
        lambda: _(
            "Attendance of %(name)s has been saved.", name=assignment.volunteer.name
        ),
    )
    return _back_to_shift(assignment.shift_id, "team")


@bp.post("/projects/assignments/<int:assignment_id>/approve")
@coordinator_required
def approve(assignment_id):
    assignment = assignment_or_404(assignment_id)
    commit_or_flash(
        lambda: attendance.approve_hours(assignment, user=current_user),
        lambda: _(
            "The hours of %(name)s have been approved.", name=assignment.volunteer.name
        ),
    )
    return _back_to_shift(assignment.shift_id, "team")


@bp.get("/projects/assignments/<int:assignment_id>/shift.ics")
@coordinator_required
def assignment_ics(assignment_id):
    assignment = assignment_or_404(assignment_id)
    name, mime, data = invitations._ics(assignment)
    return Response(
        data,
        mimetype=mime,
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.route("/projects/weights", methods=["GET", "POST"])
@admin_required
def weights():
    form_class = weights_form_class()
    current = current_weights()
    form = form_class(
        data={n: getattr(current, n) for n in current.__dataclass_fields__}
    )
    if form.validate_on_submit():
        values = {n: form[n].data for n in current.__dataclass_fields__}
        try:
            services.update_weights(values, user=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The matching weights have been saved."), "success")
            return redirect(url_for("projects.weights"))
    return render_template("projects/weights.html", form=form)
