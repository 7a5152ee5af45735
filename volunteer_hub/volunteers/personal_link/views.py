"""A new personal link: made by a coordinator, or asked for by the volunteer."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required, public
from volunteer_hub.extensions import limiter
from volunteer_hub.qr import qr_svg
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers.blueprint import (
    back_to_volunteer,
    bp,
    signup_limit,
    volunteer_or_404,
)
from volunteer_hub.volunteers.personal_link import services
from volunteer_hub.volunteers.personal_link.forms import LinkRequestForm
from volunteer_hub.web import commit_service


@bp.post("/volunteers/<int:volunteer_id>/link")
@coordinator_required
def new_link(volunteer_id):
    """Make a new personal link and queue it (mail, or stored for staff)."""
    volunteer = volunteer_or_404(volunteer_id)
    done = commit_service(lambda: services.renew_link(volunteer, by=current_user))
    if not done:
        return back_to_volunteer(volunteer.id)
    secret, message = done.value
    url = external_url("volunteers.me", secret=secret)
    # Shown once, in this response; the stored message keeps the link only until
    # it is e-mailed.
    return render_template(
        "volunteers/link.html",
        volunteer=volunteer,
        url=url,
        qr=qr_svg(url, aria_label=_("QR code of the personal link")),
        message=message,
    )


@bp.route("/signup/link", methods=["GET", "POST"])
@public
@limiter.limit(signup_limit, methods=["POST"])
def lost_link():
    mail = services.can_mail()
    form = LinkRequestForm() if mail else LinkRequestForm().without_mail()
    # The page answers the same whether or not the number is known.
    if form.validate_on_submit() and commit_service(
        lambda: services.request_link(form.phone.data)
    ):
        return render_template("volunteers/lost_link_sent.html", mail=mail)
    return render_template("volunteers/lost_link.html", form=form, mail=mail)
