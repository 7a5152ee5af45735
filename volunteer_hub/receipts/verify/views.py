"""Public receipt pages: verification and donor access without an account."""

from __future__ import annotations

import hashlib

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub.auth.access import public
from volunteer_hub.drives.donors import mask_phone
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db, limiter
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.receipts import access, services, signing
from volunteer_hub.receipts.forms import CodeForm, LookupForm, StatementForm, UploadForm
from volunteer_hub.receipts.models import Receipt
from volunteer_hub.receipts.render import embedded_snapshot
from volunteer_hub.receipts.views import pdf_response

bp = Blueprint("receipts_public", __name__, url_prefix="/receipts")
MAX_UPLOAD = 5 * 1024 * 1024


def mask_name(name: str) -> str:
    """张三丰 → 张**, Mary Smith → M*** S****: enough to recognise, not to read."""
    name = (name or "").strip()
    if not name:
        return ""
    if any("\u4e00" <= c <= "\u9fff" for c in name) or " " not in name:
        return name[0] + "*" * min(len(name) - 1, 6) if len(name) > 1 else name
    return " ".join(w[0] + "*" * min(len(w) - 1, 6) for w in name.split())


def _receipt_by_code(code: str) -> Receipt | None:
    code = services.normalise_code(code)
    if not code:
        return None
    return db.session.scalar(select(Receipt).where(Receipt.verify_code == code))


def _check_upload(receipt: Receipt | None, data: bytes) -> dict:
    digest = hashlib.sha256(data).hexdigest()
    match = db.session.scalar(select(Receipt).where(Receipt.pdf_sha256 == digest))
    claimed = embedded_snapshot(data) if match is None else None
    return {
        "exact": match is not None and (receipt is None or match.id == receipt.id),
        "other": match is not None and receipt is not None and match.id != receipt.id,
        "claims": (claimed or {}).get("number"),
        "signature": signing.check_signature(data) if data[:5] == b"%PDF-" else None,
        "match": match,
    }


def _upload_result(receipt: Receipt | None):
    form = UploadForm()
    if not form.validate_on_submit():
        return form, None
    data = form.document.data.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD or not data.startswith(b"%PDF-"):
        form.document.errors = [_("Choose a PDF file of at most 5 MB.")]
        return form, None
    return form, _check_upload(receipt, data)


@bp.route("/verify", methods=["GET", "POST"])
@public
@limiter.limit("30 per minute; 300 per day")
def verify_start():
    """Enter a code, or upload a PDF to see whether it is one we issued."""
    form = CodeForm(request.args)
    if request.args.get("code") and form.validate():
        return redirect(url_for("receipts_public.verify", code=form.code.data))
    upload, result = (UploadForm(), None)
    if request.method == "POST":
        upload, result = _upload_result(None)
    return render_template(
        "receipts/verify_start.html", form=form, upload=upload, result=result
    )


@bp.route("/verify/<code>", methods=["GET", "POST"])
@public
@limiter.limit("30 per minute; 300 per day")
def verify(code):
    receipt = _receipt_by_code(code)
    if receipt is None:
        return render_template("receipts/verify_unknown.html"), 404
    upload, result = (UploadForm(), None)
    if request.method == "POST":
        upload, result = _upload_result(receipt)
    snapshot = services.snapshot_of(receipt)
    return render_template(
        "receipts/verify.html",
        receipt=receipt,
        snapshot=snapshot,
        status=services.status_of(receipt),
        replacement=services.replacement_of(receipt),
        replaces=db.session.get(Receipt, receipt.replaces_id)
        if receipt.replaces_id
        else None,
        donor_masked=mask_name(snapshot["donor"]["name"]),
        upload=upload,
        result=result,
    )


def _donor_or_404(secret: str):
    donor = access.donor_for_secret(secret)
    if donor is None:
        abort(404)
    return donor


@bp.get("/my/<secret>")
@public
@limiter.limit("60 per minute")
def donor_page(secret):
    donor = _donor_or_404(secret)
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
    # The address holds the secret: keep it out of caches and referrers.
    return (
        response,
        200,
        {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


@bp.get("/my/<secret>/<int:receipt_id>.pdf")
@public
@limiter.limit("60 per minute")
def donor_pdf(secret, receipt_id):
    donor = _donor_or_404(secret)
    receipt = db.session.get(Receipt, receipt_id)
    if receipt is None or receipt not in services.receipts_for_donor(donor):
        abort(404)
    return pdf_response(receipt.pdf, f"{receipt.number}.pdf", receipt.pdf_sha256)


@bp.post("/my/<secret>/statement")
@public
@limiter.limit("10 per hour")
def donor_statement(secret):
    donor = _donor_or_404(secret)
    form = StatementForm()
    page = url_for("receipts_public.donor_page", secret=secret)
    if not form.validate_on_submit():
        flash(_("Enter a year between 2000 and 2100."), "error")
        return redirect(page)
    existing = [
        r
        for r in services.receipts_for_donor(donor)
        if r.source_key.endswith(f":year:{form.year.data}") and r.void is None
    ]
    if existing:
        flash(
            _("Your statement for %(year)d is in the list.", year=form.year.data),
            "info",
        )
        return redirect(page)
    try:
        receipt = services.issue_statement(donor, year=form.year.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(page)
    db.session.commit()
    flash(_("Your statement %(number)s is ready.", number=receipt.number), "success")
    return redirect(page)


@bp.route("/lookup", methods=["GET", "POST"])
@public
@limiter.limit("5 per 15 minutes; 20 per day", methods=["POST"])
def lookup():
    form = LookupForm()
    sent = False
    if form.validate_on_submit():
        org = current_organisation()
        region = getattr(org, "country", None) or "CN"
        donor = access.lookup(form.contact.data, form.code.data, region)
        if donor is not None:
            return _answer_lookup(donor, form.contact.data, org)
        db.session.commit()  # the failure counts towards the per-donor limit
        sent = True  # the same answer whether or not anything matched
    return render_template("receipts/lookup.html", form=form, sent=sent)


def _answer_lookup(donor, contact: str, org):
    """By e-mail when we can send one (the page then says so); otherwise show
    the link, since the person proved both the contact and a receipt's code."""
    secret = access.create_link(donor, "lookup")
    url = access.link_url(secret)
    if "@" in contact and donor.email and current_app.config.get("MAIL_SERVER"):
        access.send_link_by_email(donor, donor.email, url, org)
        db.session.commit()
        form = LookupForm(formdata=None)
        return render_template("receipts/lookup.html", form=form, sent=True)
    db.session.commit()
    return redirect(url)
