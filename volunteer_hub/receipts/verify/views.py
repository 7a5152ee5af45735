"""Public verification: enter a receipt's code, or upload a PDF to check it."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from volunteer_hub.auth.access import public
from volunteer_hub.extensions import db, limiter
from volunteer_hub.receipts import services
from volunteer_hub.receipts.blueprint import public_bp
from volunteer_hub.receipts.models import Receipt
from volunteer_hub.receipts.verify.forms import CodeForm, UploadForm
from volunteer_hub.receipts.verify.services import (
    MAX_UPLOAD,
    check_upload,
    mask_name,
    receipt_by_code,
)


def _upload_result(receipt: Receipt | None):
    form = UploadForm()
    if not form.validate_on_submit():
        return form, None
    data = form.document.data.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD or not data.startswith(b"%PDF-"):
        form.document.errors = [_("Choose a PDF file of at most 5 MB.")]
        return form, None
    return form, check_upload(receipt, data)


@public_bp.route("/verify", methods=["GET", "POST"])
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


@public_bp.route("/verify/<code>", methods=["GET", "POST"])
@public
@limiter.limit("30 per minute; 300 per day")
def verify(code):
    receipt = receipt_by_code(code)
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
