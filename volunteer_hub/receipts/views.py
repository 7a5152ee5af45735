"""Staff pages of receipts: the register, a receipt, issue, void, statements.

Donor links are in ``access/``, public verification in ``verify/``, the settings
in ``settings/`` and batch issue in ``batches/``.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives.models import Donor
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.receipts import services
from volunteer_hub.receipts.blueprint import bp, pdf_response, receipt_or_404
from volunteer_hub.receipts.forms import IssueForm, StatementForm, VoidForm
from volunteer_hub.receipts.models import Receipt
from volunteer_hub.receipts.profiles import profile_for
from volunteer_hub.receipts.render import stamp_copy
from volunteer_hub.web import commit_service


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


def _detail_page(receipt: Receipt, form: VoidForm, status: int = 200):
    replaces = None
    if receipt.replaces_id:
        replaces = db.session.get(Receipt, receipt.replaces_id)
    page = render_template(
        "receipts/detail.html",
        receipt=receipt,
        status=services.status_of(receipt),
        replacement=services.replacement_of(receipt),
        replaces=replaces,
        snapshot=services.snapshot_of(receipt),
        form=form,
    )
    return page, status


@bp.get("/<int:receipt_id>")
@staff_required
def detail(receipt_id):
    return _detail_page(receipt_or_404(receipt_id), VoidForm())


@bp.get("/<int:receipt_id>/pdf")
@staff_required
def download(receipt_id):
    """Staff downloads: stamped as a copy where the jurisdiction asks for it."""
    receipt = receipt_or_404(receipt_id)
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
        outcome = commit_service(lambda: services.issue(draft), form=form)
        if outcome:
            receipt = outcome.value
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
    """The draft the form asks for, or why there is none (a field's error is
    put on the form; any other is returned to be shown above it)."""
    options = {
        "language": form.language.data,
        "page_size": form.page_size.data,
        "official": form.official_receipt_no.data or "",
        "by": current_user,
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
    receipt = receipt_or_404(receipt_id)
    form = VoidForm()
    outcome = form.validate_on_submit() and commit_service(
        lambda: services.void_receipt(
            receipt,
            form.reason.data,
            replace=form.replace.data,
            official=form.official_receipt_no.data or "",
            by=current_user,
        ),
        form=form,
    )
    if not outcome:
        return _detail_page(receipt_or_404(receipt_id), form, 400)
    replacement = outcome.value[1]
    if replacement is None:
        flash(_("Receipt %(number)s is void.", number=receipt.number), "success")
        return redirect(url_for("receipts.detail", receipt_id=receipt.id))
    flash(
        _(
            "Receipt %(old)s is void; %(new)s replaces it.",
            old=receipt.number,
            new=replacement.number,
        ),
        "success",
    )
    return redirect(url_for("receipts.detail", receipt_id=replacement.id))


@bp.post("/donors/<int:donor_id>/statement")
@coordinator_required
def statement(donor_id):
    donor = db.get_or_404(Donor, donor_id)
    back = redirect(url_for("drives.donor_detail", donor_id=donor.id))
    form = StatementForm()
    if not form.validate_on_submit():
        flash(_("Enter a year between 2000 and 2100."), "error")
        return back
    outcome = commit_service(
        lambda: services.issue_statement(donor, year=form.year.data, by=current_user)
    )
    if not outcome:
        return back
    receipt = outcome.value
    flash(_("Statement %(number)s was issued.", number=receipt.number), "success")
    return redirect(url_for("receipts.detail", receipt_id=receipt.id))
