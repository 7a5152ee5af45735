"""Service certificates: issued by coordinators or by the volunteer, downloaded,
and verified by anyone who holds the code printed on one."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required, public, staff_required
from volunteer_hub.extensions import limiter
from volunteer_hub.volunteers.blueprint import (
    back_to_me,
    back_to_volunteer,
    bp,
    certificate_or_404,
    flash_errors,
    link_limit,
    volunteer_for,
    volunteer_or_404,
)
from volunteer_hub.volunteers.certificates import services
from volunteer_hub.volunteers.certificates.forms import (
    CertificateRequestForm,
    default_request_form,
)
from volunteer_hub.volunteers.certificates.models import ServiceCertificate
from volunteer_hub.web import commit_service


def pdf_response(certificate: ServiceCertificate) -> Response:
    response = Response(certificate.pdf, mimetype="application/pdf")
    filename = f"{certificate.number}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/volunteers/<int:volunteer_id>/certificates", methods=["GET", "POST"])
@coordinator_required
def issue(volunteer_id):
    volunteer = volunteer_or_404(volunteer_id)
    form = CertificateRequestForm()
    if request.method == "GET":
        form = default_request_form()
    elif form.validate_on_submit():
        done = commit_service(
            lambda: services.issue_certificate(
                volunteer,
                form.period_start.data,
                form.period_end.data,
                issued_by=current_user,
            ),
            form=form,
        )
        if done:
            flash(
                _("Certificate %(number)s is ready.", number=done.value.number),
                "success",
            )
            return back_to_volunteer(volunteer.id, "certificates")
    return render_template(
        "volunteers/issue_certificate.html", form=form, volunteer=volunteer
    )


@bp.get("/volunteers/<int:volunteer_id>/certificates/<int:certificate_id>.pdf")
@staff_required
def certificate_pdf(volunteer_id, certificate_id):
    return pdf_response(certificate_or_404(volunteer_id, certificate_id))


@bp.post("/v/<secret>/certificate")
@public
@limiter.limit(link_limit)
def me_certificate(secret):
    volunteer = volunteer_for(secret)
    form = CertificateRequestForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to_me(secret, "certificates")
    done = commit_service(
        lambda: services.issue_certificate(
            volunteer,
            form.period_start.data,
            form.period_end.data,
            issued_label=volunteer.actor_label,
        )
    )
    if not done:
        return back_to_me(secret, "certificates")
    return redirect(
        url_for(
            "volunteers.me_certificate_pdf",
            secret=secret,
            certificate_id=done.value.id,
        )
    )


@bp.get("/v/<secret>/certificates/<int:certificate_id>.pdf")
@public
@limiter.limit(link_limit)
def me_certificate_pdf(secret, certificate_id):
    volunteer = volunteer_for(secret)
    return pdf_response(certificate_or_404(volunteer.id, certificate_id))


@bp.get("/certificates/verify/<code>")
@public
@limiter.limit(link_limit)
def verify_certificate(code):
    certificate = services.find_certificate(code)
    if certificate is None:
        abort(404)
    return render_template(
        "volunteers/verify_certificate.html", certificate=certificate
    )
