"""Public pages: sign-up, the volunteer's personal link, certificate verification.

Personal pages live under ``/v/<secret>``; a wrong, old or withdrawn secret is a
plain 404, whatever the reason.
"""

from __future__ import annotations

import time

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from volunteer_hub import links
from volunteer_hub.auth.access import public
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db, limiter
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.qr import qr_svg
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers import services
from volunteer_hub.volunteers import services_lifecycle as lifecycle
from volunteer_hub.volunteers.forms import (
    LinkRequestForm,
    SignupForm,
    with_specialties,
)
from volunteer_hub.volunteers.models_hours import ServiceCertificate
from volunteer_hub.volunteers.services_admin import current_notice, current_settings
from volunteer_hub.volunteers.views import bp, form_specialties

# How long the success page may show the new link again (a reload, a slow tap).
DONE_SECONDS = 30 * 60


def _signup_limit():
    return current_app.config.get("SIGNUP_RATE_LIMIT", "10 per minute; 60 per hour")


def _link_limit():
    return current_app.config.get("LINK_RATE_LIMIT", "30 per minute")


def signup_form():
    form = with_specialties(SignupForm, form_specialties())()
    if not current_settings().collect_id_number:
        del form.id_number
    return form


@bp.route("/signup", methods=["GET", "POST"])
@public
@limiter.limit(_signup_limit, methods=["POST"])
def signup():
    if current_organisation() is None:
        return redirect(url_for("main.index"))
    form = signup_form()
    if request.method == "GET":
        form.token.data = links.new_secret()
        session.pop("signup_done", None)
    already = False
    if form.validate_on_submit():
        try:
            volunteer, secret = _sign_up(form)
        except lifecycle.AlreadyRegistered as error:
            attach_error(form, error)
            already = True
        except DomainError as error:
            attach_error(form, error)
        else:
            session["signup_done"] = {
                "secret": secret,
                "id": volunteer.id,
                "at": int(time.time()),
            }
            return redirect(url_for("volunteers.signup_done"))
    return render_template(
        "volunteers/signup.html",
        form=form,
        notice=current_notice(),
        already=already,
        link_form=LinkRequestForm(formdata=None, phone=form.phone.data),
    )


def _sign_up(form):
    """Sign up and commit; a parallel double submit resolves to the same record."""
    values = {k: v for k, v in form.data.items() if k in services.PROFILE_FIELDS}
    token = form.token.data
    try:
        result = lifecycle.sign_up(
            token=token,
            consent=form.consent.data,
            specialties=form.specialty_choices(),
            slots=form.slot_pairs(),
            locale=str(get_locale()),
            **values,
        )
        db.session.commit()
        return result
    except DomainError:
        db.session.rollback()
        raise
    except IntegrityError:
        # The same form arrived twice at once, or the phone was just taken.
        db.session.rollback()
        repeated = lifecycle.valid_token(token) and lifecycle.repeated_sign_up(token)
        if repeated:
            return repeated
        raise lifecycle.AlreadyRegistered(
            _("This mobile number is already registered."), "phone"
        ) from None


@bp.get("/signup/done")
@public
def signup_done():
    done = session.get("signup_done") or {}
    fresh = done and time.time() - done.get("at", 0) < DONE_SECONDS
    volunteer = url = None
    if fresh:
        volunteer = lifecycle.find_volunteer_by_secret(done.get("secret"))
        if volunteer is not None:
            url = external_url("volunteers.me", secret=done["secret"])
    return render_template(
        "volunteers/signup_done.html",
        volunteer=volunteer,
        url=url,
        qr=qr_svg(url, aria_label=_("QR code of your personal link")) if url else None,
    )


@bp.route("/signup/link", methods=["GET", "POST"])
@public
@limiter.limit(_signup_limit, methods=["POST"])
def lost_link():
    form = LinkRequestForm()
    if form.validate_on_submit():
        lifecycle.request_link(form.phone.data)
        db.session.commit()
        return render_template("volunteers/lost_link_sent.html")
    return render_template("volunteers/lost_link.html", form=form)


@bp.get("/privacy")
@public
def privacy():
    return render_template("volunteers/privacy.html", notice=current_notice())


def volunteer_for(secret):
    volunteer = lifecycle.find_volunteer_by_secret(secret)
    if volunteer is None:
        abort(404)
    db.session.commit()  # keeps a pending link that was just used for the first time
    return volunteer


@bp.get("/certificates/verify/<code>")
@public
@limiter.limit(_link_limit)
def verify_certificate(code):
    from volunteer_hub.volunteers.certificates import find_certificate

    certificate = find_certificate(code)
    if certificate is None:
        abort(404)
    return render_template(
        "volunteers/verify_certificate.html", certificate=certificate
    )


def pdf_response(certificate: ServiceCertificate) -> Response:
    response = Response(certificate.pdf, mimetype="application/pdf")
    filename = f"{certificate.number}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


# The personal pages are in their own module.
from volunteer_hub.volunteers import views_me  # noqa: E402, F401
