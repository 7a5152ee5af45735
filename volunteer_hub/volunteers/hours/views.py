"""Coordinators' pages for service hours: record, correct, review."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.volunteers.blueprint import (
    back_to_volunteer,
    bp,
    flash_errors,
    record_or_404,
    volunteer_or_404,
)
from volunteer_hub.volunteers.hours import services
from volunteer_hub.volunteers.hours.forms import CorrectionForm, HoursForm, ReviewForm
from volunteer_hub.web import commit_service


@bp.post("/volunteers/<int:volunteer_id>/hours")
@coordinator_required
def add_hours(volunteer_id):
    volunteer = volunteer_or_404(volunteer_id)
    form = HoursForm()
    if not form.validate_on_submit():
        flash_errors(form)
    elif commit_service(
        lambda: services.record_service(
            volunteer,
            served_on=form.served_on.data,
            hours=form.hours.data,
            description=form.description.data,
            note=form.note.data or "",
            entered_by=current_user,
        )
    ):
        flash(_("The hours have been recorded."), "success")
    return back_to_volunteer(volunteer.id, "hours")


@bp.route("/volunteers/hours/<int:record_id>/correct", methods=["GET", "POST"])
@coordinator_required
def correct_hours(record_id):
    entry = record_or_404(record_id)
    volunteer = volunteer_or_404(entry.volunteer_id)
    if not services.can_correct(entry):
        flash(_("These hours can no longer be corrected."), "error")
        return back_to_volunteer(volunteer.id, "hours")
    form = CorrectionForm(obj=entry if request.method == "GET" else None)
    if form.validate_on_submit() and commit_service(
        lambda: services.correct_service(
            entry,
            reason=form.reason.data,
            corrected_by=current_user,
            cancel=form.cancel.data,
            served_on=form.served_on.data,
            hours=form.hours.data,
            description=form.description.data,
            note=form.note.data or "",
        ),
        form=form,
    ):
        flash(_("The correction has been recorded."), "success")
        return back_to_volunteer(volunteer.id, "hours")
    return render_template(
        "volunteers/correct_hours.html", form=form, entry=entry, volunteer=volunteer
    )


@bp.post("/volunteers/hours/<int:record_id>/review")
@coordinator_required
def review_hours(record_id):
    entry = record_or_404(record_id)
    form = ReviewForm(prefix=f"r{entry.id}")
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(request.referrer or url_for("volunteers.waiting_hours"))
    if commit_service(
        lambda: services.review_service(
            entry,
            reject=form.reject.data,
            reviewer=current_user,
            note=form.note.data or "",
        )
    ):
        flash(_("The hours have been reviewed."), "success")
    return redirect(url_for("volunteers.waiting_hours"))


@bp.get("/volunteers/hours/waiting")
@coordinator_required
def waiting_hours():
    records = services.waiting_records()
    rows = [
        (entry, ReviewForm(formdata=None, prefix=f"r{entry.id}")) for entry in records
    ]
    return render_template(
        "volunteers/waiting_hours.html",
        rows=rows,
        names=services.volunteer_names(records),
    )
