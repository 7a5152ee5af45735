"""The volunteer's own pages behind the personal link ``/v/<secret>``."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from volunteer_hub import clock
from volunteer_hub.auth.access import public
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db, limiter
from volunteer_hub.volunteers import services
from volunteer_hub.volunteers import services_lifecycle as lifecycle
from volunteer_hub.volunteers.certificates import certificates_of, issue_certificate
from volunteer_hub.volunteers.forms import (
    AvailabilityForm,
    CertificateRequestForm,
    ExceptionForm,
    OwnProfileForm,
    WithdrawForm,
    initial_data,
    with_specialties,
)
from volunteer_hub.volunteers.models_hours import ServiceCertificate
from volunteer_hub.volunteers.services_hours import approved_hours, history
from volunteer_hub.volunteers.views import bp, form_specialties
from volunteer_hub.volunteers.views_public import (
    _link_limit,
    flash_errors,
    pdf_response,
    volunteer_for,
)


def _actor(volunteer) -> str:
    return f"volunteer:{volunteer.id}"


def _back(secret, anchor=""):
    return redirect(url_for("volunteers.me", secret=secret, _anchor=anchor or None))


def certificate_form() -> CertificateRequestForm:
    today = clock.now().date()
    return CertificateRequestForm(
        formdata=None, period_start=today.replace(month=1, day=1), period_end=today
    )


@bp.get("/v/<secret>")
@public
@limiter.limit(_link_limit)
def me(secret):
    volunteer = volunteer_for(secret)
    return render_template(
        "volunteers/me.html",
        volunteer=volunteer,
        secret=secret,
        records=history(volunteer.id),
        total=approved_hours(volunteer.id),
        certificates=certificates_of(volunteer),
        exceptions=services.list_exceptions(volunteer),
        certificate_form=certificate_form(),
    )


@bp.route("/v/<secret>/edit", methods=["GET", "POST"])
@public
@limiter.limit(_link_limit)
def me_edit(secret):
    volunteer = volunteer_for(secret)
    form_class = with_specialties(OwnProfileForm, form_specialties(volunteer))
    form = form_class(data=initial_data(volunteer))
    if form.validate_on_submit():
        actor = _actor(volunteer)
        values = {k: v for k, v in form.data.items() if k in services.PROFILE_FIELDS}
        try:
            services.update_profile(volunteer, actor_label=actor, **values)
            services.set_specialties(
                volunteer, form.specialty_choices(), actor_label=actor
            )
            services.set_availability(volunteer, form.slot_pairs(), actor_label=actor)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes have been saved."), "success")
            return _back(secret)
    return render_template(
        "volunteers/me_edit.html", form=form, volunteer=volunteer, secret=secret
    )


@bp.route("/v/<secret>/availability", methods=["GET", "POST"])
@public
@limiter.limit(_link_limit)
def me_availability(secret):
    volunteer = volunteer_for(secret)
    form = AvailabilityForm(data={"slots": initial_data(volunteer)["slots"]})
    if form.validate_on_submit():
        services.set_availability(
            volunteer, form.slot_pairs(), actor_label=_actor(volunteer)
        )
        db.session.commit()
        flash(_("Your times have been saved."), "success")
        return _back(secret, "availability")
    return render_template(
        "volunteers/me_availability.html",
        form=form,
        exception_form=ExceptionForm(formdata=None),
        exceptions=services.list_exceptions(volunteer),
        volunteer=volunteer,
        secret=secret,
    )


@bp.post("/v/<secret>/exceptions")
@public
@limiter.limit(_link_limit)
def me_add_exception(secret):
    volunteer = volunteer_for(secret)
    form = ExceptionForm()
    if form.validate_on_submit():
        try:
            services.add_exception(
                volunteer,
                day=form.day.data,
                part=form.part.data or None,
                available=form.available.data == "yes",
                note=form.note.data or "",
                actor_label=_actor(volunteer),
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("The date has been added."), "success")
    else:
        flash_errors(form)
    return redirect(url_for("volunteers.me_availability", secret=secret))


@bp.post("/v/<secret>/exceptions/<int:exception_id>/remove")
@public
@limiter.limit(_link_limit)
def me_remove_exception(secret, exception_id):
    volunteer = volunteer_for(secret)
    try:
        services.remove_exception(
            volunteer, exception_id, actor_label=_actor(volunteer)
        )
    except DomainError:
        abort(404)
    db.session.commit()
    flash(_("The date has been removed."), "success")
    return redirect(url_for("volunteers.me_availability", secret=secret))


@bp.route("/v/<secret>/withdraw", methods=["GET", "POST"])
@public
@limiter.limit(_link_limit)
def me_withdraw(secret):
    volunteer = volunteer_for(secret)
    form = WithdrawForm()
    if form.validate_on_submit():
        lifecycle.withdraw_volunteer(
            volunteer, reason=form.reason.data or "", actor_label=_actor(volunteer)
        )
        db.session.commit()
        return render_template("volunteers/me_withdrawn.html")
    return render_template(
        "volunteers/me_withdraw.html", form=form, volunteer=volunteer, secret=secret
    )


@bp.post("/v/<secret>/certificate")
@public
@limiter.limit(_link_limit)
def me_certificate(secret):
    volunteer = volunteer_for(secret)
    form = CertificateRequestForm()
    if form.validate_on_submit():
        try:
            certificate = issue_certificate(
                volunteer,
                form.period_start.data,
                form.period_end.data,
                issued_label=_actor(volunteer),
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            return redirect(
                url_for(
                    "volunteers.me_certificate_pdf",
                    secret=secret,
                    certificate_id=certificate.id,
                )
            )
    else:
        flash_errors(form)
    return _back(secret, "certificates")


@bp.get("/v/<secret>/certificates/<int:certificate_id>.pdf")
@public
@limiter.limit(_link_limit)
def me_certificate_pdf(secret, certificate_id):
    volunteer = volunteer_for(secret)
    certificate = db.session.get(ServiceCertificate, certificate_id)
    if certificate is None or certificate.volunteer_id != volunteer.id:
        abort(404)
    return pdf_response(certificate)
