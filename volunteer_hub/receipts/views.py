"""Staff pages of receipts: register, detail, issue, void, settings, batches.

Public pages (verification, donor access) are in ``views_public.py``.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.auth.access import (
    coordinator_required,
    staff_required,
)
from volunteer_hub.drives.models import Donor
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.receipts import services
from volunteer_hub.receipts.forms import IssueForm, StatementForm, VoidForm
from volunteer_hub.receipts.models import (
    KIND_LABELS,
    LANGUAGE_LABELS,
    STATUS_LABELS,
    Receipt,
)
from volunteer_hub.receipts.profiles import profile_for
from volunteer_hub.receipts.render import display_code, stamp_copy

bp = Blueprint("receipts", __name__, url_prefix="/receipts")


@bp.app_template_global("receipt_status")
def receipt_status(receipt: Receipt) -> str:
    return services.status_of(receipt)


@bp.app_template_global("intake_receipts")
def intake_receipts(intake) -> list[Receipt]:
    return services.receipts_for_intake(intake)


@bp.app_template_global("donor_receipts")
def donor_receipts(donor) -> list[Receipt]:
    return services.receipts_for_donor(donor)


@bp.app_template_global("receipt_snapshot")
def receipt_snapshot(receipt: Receipt) -> dict:
    return services.snapshot_of(receipt)


@bp.app_template_global("now_year")
def now_year() -> int:
    return clock.now().year


@bp.app_context_processor
def receipt_labels():
    return {
        "receipt_kind_labels": KIND_LABELS,
        "receipt_language_labels": LANGUAGE_LABELS,
        "receipt_status_labels": STATUS_LABELS,
        "display_code": display_code,
    }


def pdf_response(data: bytes, filename: str, etag: str) -> Response:
    """Stored bytes, cacheable for good: an issued receipt never changes."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    response.set_etag(etag)
    return response


@bp.get("/")
@staff_required
def index():
    statement = select(Receipt).order_by(Receipt.issued_at.desc(), Receipt.id.desc())
    return render_template(
        "receipts/index.html",
        page=paginate(statement),
        summary=services.register_summary(),
        void_count=services.void_count(),
    )


@bp.get("/<int:receipt_id>")
@staff_required
def detail(receipt_id):
    receipt = db.get_or_404(Receipt, receipt_id)
    return render_template(
        "receipts/detail.html",
        receipt=receipt,
        status=services.status_of(receipt),
        replacement=services.replacement_of(receipt),
        replaces=db.session.get(Receipt, receipt.replaces_id)
        if receipt.replaces_id
        else None,
        snapshot=services.snapshot_of(receipt),
        form=VoidForm(),
    )


@bp.get("/<int:receipt_id>/pdf")
@staff_required
def download(receipt_id):
    """Staff downloads: stamped as a copy where the jurisdiction asks for it."""
    receipt = db.get_or_404(Receipt, receipt_id)
    if profile_for(receipt.jurisdiction).marks_copies:
        data = stamp_copy(receipt.pdf, receipt.page_size)
        return pdf_response(
            data, f"{receipt.number}-copy.pdf", receipt.pdf_sha256 + "-c"
        )
    return pdf_response(receipt.pdf, f"{receipt.number}.pdf", receipt.pdf_sha256)


@bp.route("/intakes/<int:intake_id>/issue", methods=["GET", "POST"])
@coordinator_required
def issue(intake_id):
    intake = db.get_or_404(Intake, intake_id)
    form = IssueForm(data=_defaults())
    draft, problem = _draft_or_problem(intake, form)
    if draft is not None and form.validate_on_submit():
        try:
            receipt = services.issue(draft)
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Receipt %(number)s was issued.", number=receipt.number), "success")
            return redirect(url_for("receipts.detail", receipt_id=receipt.id))
    missing = services.check_draft(draft) if draft is not None else []
    return render_template(
        "receipts/issue.html",
        intake=intake,
        form=form,
        problem=problem,
        missing=missing,
        existing=services.receipts_for_intake(intake),
    )


def _defaults() -> dict:
    settings = services.get_settings()
    return {"language": settings.language, "page_size": settings.page_size}


def _draft_or_problem(intake, form):
    options = {
        "language": form.language.data,
        "page_size": form.page_size.data,
        "official": form.official_receipt_no.data or "",
    }
    try:
        return services.prepare_intake_receipt(intake, **options), None
    except DomainError as error:
        if error.field:
            attach_error(form, error)
            return None, None
        return None, error.message


@bp.post("/<int:receipt_id>/void")
@coordinator_required
def void(receipt_id):
    receipt = db.get_or_404(Receipt, receipt_id)
    form = VoidForm()
    if form.validate_on_submit():
        try:
            _void, replacement = services.void_receipt(
                receipt,
                form.reason.data,
                replace=form.replace.data,
                official=form.official_receipt_no.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            if replacement is not None:
                flash(
                    _(
                        "Receipt %(old)s is void; %(new)s replaces it.",
                        old=receipt.number,
                        new=replacement.number,
                    ),
                    "success",
                )
                return redirect(url_for("receipts.detail", receipt_id=replacement.id))
            flash(_("Receipt %(number)s is void.", number=receipt.number), "success")
            return redirect(url_for("receipts.detail", receipt_id=receipt.id))
    receipt = db.get_or_404(Receipt, receipt_id)
    return (
        render_template(
            "receipts/detail.html",
            receipt=receipt,
            status=services.status_of(receipt),
            replacement=services.replacement_of(receipt),
            replaces=None,
            snapshot=services.snapshot_of(receipt),
            form=form,
        ),
        400,
    )


@bp.post("/donors/<int:donor_id>/statement")
@coordinator_required
def statement(donor_id):
    donor = db.get_or_404(Donor, donor_id)
    form = StatementForm()
    if not form.validate_on_submit():
        flash(_("Enter a year between 2000 and 2100."), "error")
        return redirect(url_for("drives.donor_detail", donor_id=donor.id))
    try:
        receipt = services.issue_statement(donor, year=form.year.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("drives.donor_detail", donor_id=donor.id))
    db.session.commit()
    flash(_("Statement %(number)s was issued.", number=receipt.number), "success")
    return redirect(url_for("receipts.detail", receipt_id=receipt.id))


from volunteer_hub.receipts import (  # noqa: E402,F401 - routes on this blueprint
    views_admin,
    views_links,
)
