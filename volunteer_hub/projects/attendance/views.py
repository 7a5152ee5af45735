"""After the shift: who came, and approving their hours."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.projects.attendance import services
from volunteer_hub.projects.attendance.forms import AttendanceForm
from volunteer_hub.projects.blueprint import assignment_or_404, back_to_shift, bp
from volunteer_hub.web import commit_service


@bp.post("/projects/assignments/<int:assignment_id>/attendance")
@coordinator_required
def mark(assignment_id):
    assignment = assignment_or_404(assignment_id)
    form = AttendanceForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    elif commit_service(
        lambda: services.mark_attendance(
            assignment,
            attended=form.outcome.data == "attended",
            hours=form.hours.data,
            user=current_user,
        )
    ):
        flash(
            _("Attendance of %(name)s has been saved.", name=assignment.volunteer.name),
            "success",
        )
    return back_to_shift(assignment.shift_id, "team")


@bp.post("/projects/assignments/<int:assignment_id>/approve")
@coordinator_required
def approve(assignment_id):
    assignment = assignment_or_404(assignment_id)
    if commit_service(lambda: services.approve_hours(assignment, user=current_user)):
        flash(
            _(
                "The hours of %(name)s have been approved.",
                name=assignment.volunteer.name,
            ),
            "success",
        )
    return back_to_shift(assignment.shift_id, "team")
