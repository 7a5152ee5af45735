"""Coordinators' pages for hours and certificates."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.certificates import issue_certificate
from volunteer_hub.volunteers.forms import CertificateRequestForm
from volunteer_hub.volunteers.forms_staff import CorrectionForm, HoursForm, ReviewForm
from volunteer_hub.volunteers.models_hours import ServiceCertificate, ServiceRecord
from volunteer_hub.volunteers.services_hours import (
    approve_service,
    correct_service,
    is_reversed,
    record_service,
    reject_service,
    waiting_records,
)
from volunteer_hub.volunteers.views import bp, get_volunteer_or_404
from volunteer_hub.volunteers.views_public import flash_errors, pdf_response


def _detail(volunteer_id, anchor="hours"):
    return redirect(
        url_for("volunteers.detail", volunteer_id=volunteer_id, _anchor=anchor)
    )


@bp.post("/volunteers/<int:volunteer_id>/hours")
@coordinator_required
def add_hours(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    form = HoursForm()
    if form.validate_on_submit():
        try:
            record_service(
                volunteer,
                served_on=form.served_on.data,
                hours=form.hours.data,
                description=form.description.data,
                note=form.note.data or "",
                entered_by=current_user,
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("The hours have been recorded."), "success")
    else:
        flash_errors(form)
    return _detail(volunteer.id)


def _record_or_404(record_id) -> ServiceRecord:
    entry = db.session.get(ServiceRecord, record_id)
    if entry is None:
        abort(404)
    return entry


@bp.route("/volunteers/hours/<int:record_id>/correct", methods=["GET", "POST"])
@coordinator_required
def correct_hours(record_id):
    entry = _record_or_404(record_id)
    volunteer = get_volunteer_or_404(entry.volunteer_id)
    if (
        entry.is_reversal
        or is_reversed(entry)
        or (entry.review and entry.review.decision == "rejected")
    ):
        flash(_("These hours can no longer be corrected."), "error")
        return _detail(volunteer.id)
    form = CorrectionForm(obj=entry if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            correct_service(
                entry,
                reason=form.reason.data,
                corrected_by=current_user,
                cancel=form.cancel.data,
                served_on=form.served_on.data,
                hours=form.hours.data,
                description=form.description.data,
                note=form.note.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The correction has been recorded."), "success")
            return _detail(volunteer.id)
    return render_template(
        "volunteers/correct_hours.html", form=form, entry=entry, volunteer=volunteer
    )


@bp.post("/volunteers/hours/<int:record_id>/review")
@coordinator_required
def review_hours(record_id):
    entry = _record_or_404(record_id)
    form = ReviewForm(prefix=f"r{entry.id}")
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(request.referrer or url_for("volunteers.waiting_hours"))
    try:
        if form.reject.data:
            reject_service(entry, reviewer=current_user, note=form.note.data or "")
        else:
            approve_service(entry, reviewer=current_user, note=form.note.data or "")
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The hours have been reviewed."), "success")
    return redirect(url_for("volunteers.waiting_hours"))


@bp.get("/volunteers/hours/waiting")
@coordinator_required
def waiting_hours():
    rows = [
        (entry, ReviewForm(formdata=None, prefix=f"r{entry.id}"))
        for entry in waiting_records()
    ]
    return render_template("volunteers/waiting_hours.html", rows=rows)


@bp.route("/volunteers/<int:volunteer_id>/certificates", methods=["GET", "POST"])
@coordinator_required
def issue(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    form = CertificateRequestForm()
    if form.validate_on_submit():
        try:
            certificate = issue_certificate(
                volunteer,
                form.period_start.data,
                form.period_end.data,
                issued_by=current_user,
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(
                _("Certificate %(number)s is ready.", number=certificate.number),
                "success",
            )
            return _detail(volunteer.id, "certificates")
    elif request.method == "GET":
        from volunteer_hub.volunteers.views_me import certificate_form

        form = certificate_form()
    return render_template(
        "volunteers/issue_certificate.html", form=form, volunteer=volunteer
    )


@bp.get("/volunteers/<int:volunteer_id>/certificates/<int:certificate_id>.pdf")
@staff_required
def certificate_pdf(volunteer_id, certificate_id):
    certificate = db.session.get(ServiceCertificate, certificate_id)
    if certificate is None or certificate.volunteer_id != volunteer_id:
        abort(404)
    return pdf_response(certificate)
