"""Sign-up, approval, status, core flag and withdrawal."""

from __future__ import annotations

import time

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from volunteer_hub import links
from volunteer_hub.auth.access import coordinator_required, public
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db, limiter
from volunteer_hub.qr import qr_svg
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers.admin.kept import notice_text, signup_specialties
from volunteer_hub.volunteers.blueprint import (
    back_to_volunteer,
    bp,
    current_volunteer_or_404,
    flash_errors,
    link_limit,
    signup_limit,
    volunteer_for,
    volunteer_or_404,
)
from volunteer_hub.volunteers.lifecycle import services
from volunteer_hub.volunteers.lifecycle.forms import (
    CoreForm,
    StaffWithdrawForm,
    StatusForm,
    WithdrawForm,
    signup_form,
)
from volunteer_hub.volunteers.personal_link.forms import LinkRequestForm
from volunteer_hub.volunteers.personal_link.services import (
    can_mail,
    find_volunteer_by_secret,
)
from volunteer_hub.web import commit_service

# How long the success page may show the new link again (a reload, a slow tap).
DONE_SECONDS = 30 * 60


@bp.route("/signup", methods=["GET", "POST"])
@public
@limiter.limit(signup_limit, methods=["POST"])
def signup():
    # Before set-up, shell.first_run has already sent the visitor there.
    form = signup_form(signup_specialties())
    if request.method == "GET":
        form.token.data = links.new_secret()
        session.pop("signup_done", None)
    already = False
    if form.validate_on_submit():
        try:
            volunteer_id, secret = sign_up(form)
        except services.AlreadyRegistered as error:
            attach_error(form, error)
            already = True
        except DomainError as error:
            attach_error(form, error)
        else:
            session["signup_done"] = {
                "secret": secret,
                "id": volunteer_id,
                "at": int(time.time()),
            }
            return redirect(url_for("volunteers.signup_done"))
    return render_template(
        "volunteers/signup.html",
        form=form,
        notice=notice_text(),
        already=already,
        link_form=LinkRequestForm(formdata=None, phone=form.phone.data),
    )


def sign_up(form):
    """Sign up and commit; returns ``(volunteer id, secret)``. A parallel double
    submit resolves to the same record.

    Not ``commit_service``: the commit itself may fail (IntegrityError) when the
    same form arrives twice at once, and that case answers with the first record.
    """
    token = form.token.data
    try:
        volunteer, secret = services.sign_up(
            token=token,
            consent=form.consent.data,
            specialties=form.specialty_choices(),
            locale=str(get_locale()),
            **form.profile_values(),
        )
        volunteer_id = volunteer.id  # read before the commit expires it
        db.session.commit()
        return volunteer_id, secret
    except DomainError:
        db.session.rollback()
        raise
    except IntegrityError:
        # The same form arrived twice at once, or the phone was just taken.
        db.session.rollback()
        repeated = services.valid_token(token) and services.repeated_sign_up(token)
        if repeated:
            return repeated[0].id, repeated[1]
        raise services.AlreadyRegistered(
            _("This mobile number is already registered."), "phone"
        ) from None


@bp.get("/signup/done")
@public
def signup_done():
    done = session.get("signup_done") or {}
    fresh = done and time.time() - done.get("at", 0) < DONE_SECONDS
    volunteer = url = None
    if fresh:
        volunteer = find_volunteer_by_secret(done.get("secret"))
        if volunteer is not None:
            url = external_url("volunteers.me", secret=done["secret"])
    return render_template(
        "volunteers/signup_done.html",
        volunteer=volunteer,
        url=url,
        qr=qr_svg(url, aria_label=_("QR code of your personal link")) if url else None,
        mail=can_mail(),
    )


@bp.post("/volunteers/<int:volunteer_id>/approve")
@coordinator_required
def approve(volunteer_id):
    volunteer = volunteer_or_404(volunteer_id)
    if commit_service(lambda: services.approve_volunteer(volunteer)):
        flash(_("The volunteer has been approved."), "success")
    return back_to_volunteer(volunteer.id)


@bp.post("/volunteers/<int:volunteer_id>/status")
@coordinator_required
def change_status(volunteer_id):
    volunteer = volunteer_or_404(volunteer_id)
    form = StatusForm(prefix="status")
    if not form.validate_on_submit():
        flash_errors(form)
    elif commit_service(
        lambda: services.set_status(
            volunteer, form.status.data, note=form.note.data or ""
        )
    ):
        flash(_("The status has been changed."), "success")
    return back_to_volunteer(volunteer.id)


@bp.post("/volunteers/<int:volunteer_id>/core")
@coordinator_required
def toggle_core(volunteer_id):
    volunteer = volunteer_or_404(volunteer_id)
    form = CoreForm(prefix="core")
    if not form.validate_on_submit():
        flash_errors(form)
    elif commit_service(
        lambda: services.set_core(
            volunteer, not volunteer.is_core, reason=form.reason.data, user=current_user
        )
    ):
        if volunteer.is_core:
            flash(_("Marked as a core volunteer."), "success")
        else:
            flash(_("No longer a core volunteer."), "success")
    return back_to_volunteer(volunteer.id)


@bp.route("/volunteers/<int:volunteer_id>/withdraw", methods=["GET", "POST"])
@coordinator_required
def withdraw(volunteer_id):
    volunteer = current_volunteer_or_404(volunteer_id)
    form = StaffWithdrawForm()
    if form.validate_on_submit() and commit_service(
        lambda: services.withdraw_volunteer(volunteer, reason=form.reason.data),
        form=form,
    ):
        flash(
            _("The volunteer has been withdrawn and their personal data erased."),
            "success",
        )
        return back_to_volunteer(volunteer.id)
    return render_template("volunteers/withdraw.html", form=form, volunteer=volunteer)


@bp.route("/v/<secret>/withdraw", methods=["GET", "POST"])
@public
@limiter.limit(link_limit)
def me_withdraw(secret):
    volunteer = volunteer_for(secret)
    form = WithdrawForm()
    if form.validate_on_submit() and commit_service(
        lambda: services.withdraw_volunteer(
            volunteer, reason=form.reason.data or "", actor_label=volunteer.actor_label
        ),
        form=form,
    ):
        return render_template("volunteers/me_withdrawn.html")
    return render_template(
        "volunteers/me_withdraw.html", form=form, volunteer=volunteer, secret=secret
    )
