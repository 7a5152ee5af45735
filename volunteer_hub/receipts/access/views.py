"""Donor access without an account.

Staff hand a donor their personal link (on screen with a QR code, or by
e-mail); the donor's page lists their receipts and issues a yearly statement;
the lookup page sends a link to whoever proves a contact and a receipt's code.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from volunteer_hub.auth.access import coordinator_required, public
from volunteer_hub.drives.donors import mask_phone
from volunteer_hub.extensions import db, limiter
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.qr import qr_svg
from volunteer_hub.receipts import services
from volunteer_hub.receipts.access import services as access
from volunteer_hub.receipts.access.forms import LookupForm
from volunteer_hub.receipts.blueprint import (
    bp,
    donor_or_404,
    pdf_response,
    public_bp,
    secret_donor_or_404,
)
from volunteer_hub.receipts.forms import StatementForm
from volunteer_hub.receipts.models import Receipt
from volunteer_hub.web import commit_service

# The address of a donor's page holds the secret: keep it out of caches and
# referrers.
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@bp.post("/donors/<int:donor_id>/link")
@coordinator_required
def show_link(donor_id):
    """A new link, shown once: the donor scans the QR code from this screen."""
    donor = donor_or_404(donor_id)
    secret = commit_service(lambda: access.create_link(donor, "staff")).value
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
    donor = donor_or_404(donor_id)
    outcome = commit_service(
        lambda: access.email_new_link(donor, current_organisation())
    )
    if outcome:
        flash(_("The link was sent to %(email)s.", email=outcome.value), "success")
    return redirect(url_for("drives.donor_detail", donor_id=donor.id))


@public_bp.get("/my/<secret>")
@public
@limiter.limit("60 per minute")
def donor_page(secret):
    donor = secret_donor_or_404(secret)
    receipts = services.receipts_for_donor(donor)
    years = sorted(
        {r.issued_at.year for r in receipts if r.kind == "intake"}, reverse=True
    )
    response = render_template(
        "receipts/donor.html",
        donor=donor,
        secret=secret,
        receipts=receipts,
        years=years,
        form=StatementForm(),
        phone=mask_phone(donor.phone),
    )
    return response, 200, PRIVATE


@public_bp.get("/my/<secret>/<int:receipt_id>.pdf")
@public
@limiter.limit("60 per minute")
def donor_pdf(secret, receipt_id):
    donor = secret_donor_or_404(secret)
    receipt = db.session.get(Receipt, receipt_id)
    if receipt is None or receipt not in services.receipts_for_donor(donor):
        abort(404)
    return pdf_response(receipt.pdf, f"{receipt.number}.pdf", receipt.pdf_sha256)


@public_bp.post("/my/<secret>/statement")
@public
@limiter.limit("10 per hour")
def donor_statement(secret):
    donor = secret_donor_or_404(secret)
    form = StatementForm()
    page = redirect(url_for("receipts_public.donor_page", secret=secret))
    if not form.validate_on_submit():
        flash(_("Enter a year between 2000 and 2100."), "error")
        return page
    year = form.year.data
    outcome = commit_service(lambda: access.request_statement(donor, year))
    if not outcome:
        return page
    receipt, new = outcome.value
    if new:
        flash(
            _("Your statement %(number)s is ready.", number=receipt.number), "success"
        )
    else:
        flash(_("Your statement for %(year)d is in the list.", year=year), "info")
    return page


@public_bp.route("/lookup", methods=["GET", "POST"])
@public
@limiter.limit("5 per 15 minutes; 20 per day", methods=["POST"])
def lookup():
    """The same answer whether or not anything matched, unless the link is
    shown: the person then proved both the contact and a receipt's code."""
    form = LookupForm()
    sent = False
    if form.validate_on_submit():
        # Committed either way: a failure counts towards the per-donor limit.
        found = commit_service(
            lambda: access.lookup_link(
                form.contact.data,
                form.code.data,
                current_organisation(),
                can_mail=bool(current_app.config.get("MAIL_SERVER")),
            )
        ).value
        if found is not None and not found[1]:
            return redirect(found[0])
        if found is not None:
            form = LookupForm(formdata=None)
        sent = True
    return render_template("receipts/lookup.html", form=form, sent=sent)
