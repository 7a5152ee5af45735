"""Staff handing a donor their personal link: shown on screen or e-mailed."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.drives.donors import resolve_donor
from volunteer_hub.drives.models import Donor
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.qr import qr_svg
from volunteer_hub.receipts import access
from volunteer_hub.receipts.views import bp


def _donor(donor_id: int) -> Donor:
    donor = resolve_donor(db.get_or_404(Donor, donor_id))
    if donor is None:
        abort(404)
    return donor


@bp.post("/donors/<int:donor_id>/link")
@coordinator_required
def show_link(donor_id):
    """A new link, shown once: the donor scans the QR code from this screen."""
    donor = _donor(donor_id)
    secret = access.create_link(donor, "staff")
    db.session.commit()
    url = access.link_url(secret)
    response = render_template(
        "receipts/donor_link.html",
        donor=donor,
        url=url,
        qr=qr_svg(url, aria_label=_("QR code of the donor's link")),
        sms=access.sms_text(current_organisation(), url),
    )
    return response, 200, {"Cache-Control": "no-store"}


@bp.post("/donors/<int:donor_id>/link/email")
@coordinator_required
def email_link(donor_id):
    donor = _donor(donor_id)
    if not donor.email:
        flash(_("This donor has no e-mail address."), "error")
        return redirect(url_for("drives.donor_detail", donor_id=donor.id))
    secret = access.create_link(donor, "email")
    access.send_link_by_email(
        donor, donor.email, access.link_url(secret), current_organisation()
    )
    db.session.commit()
    flash(_("The link was sent to %(email)s.", email=donor.email), "success")
    return redirect(url_for("drives.donor_detail", donor_id=donor.id))
