"""Opportunities and qualification documents."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.errors import DomainError, attach_error, commit_or_flash
from volunteer_hub.extensions import db
from volunteer_hub.resources.labels import OPPORTUNITY_STATUS_LABELS
from volunteer_hub.resources.opportunities import services
from volunteer_hub.resources.opportunities.blueprint import bp, opportunity_or_404
from volunteer_hub.resources.opportunities.forms import DocumentForm, OpportunityForm
from volunteer_hub.resources.opportunities.models import (
    Opportunity,
    QualificationDocument,
)
from volunteer_hub.resources.partners.models import Partner


def today():
    return clock.now().date()


@bp.get("/opportunities")
@staff_required
def index():
    rows = db.session.scalars(
        select(Opportunity).order_by(Opportunity.deadline.desc(), Opportunity.id.desc())
    ).all()
    return render_template("resources/opportunities/index.html", opportunities=rows)


@bp.route("/opportunities/new", methods=["GET", "POST"])
@coordinator_required
def new():
    form = OpportunityForm()
    if form.validate_on_submit():
        values = {
            k: v
            for k, v in form.data.items()
            if k not in ("submit", "csrf_token", "buyer_id")
        }
        buyer = db.session.get(Partner, form.buyer_id.data or 0)
        try:
            opportunity = services.create_opportunity(
                current_user, buyer=buyer, **values
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The opportunity was saved."), "success")
            return redirect(
                url_for("opportunities.detail", opportunity_id=opportunity.id)
            )
    status = 400 if form.errors or form.form_errors else 200
    return render_template("resources/opportunities/new.html", form=form), status


@bp.get("/opportunities/<int:opportunity_id>")
@staff_required
def detail(opportunity_id: int):
    opportunity = opportunity_or_404(opportunity_id)
    return render_template(
        "resources/opportunities/detail.html",
        opportunity=opportunity,
        checks=services.check_documents(opportunity, today()),
    )


@bp.post("/opportunities/<int:opportunity_id>/status")
@coordinator_required
def move(opportunity_id: int):
    opportunity = opportunity_or_404(opportunity_id)
    status = str(request.form.get("status") or "")[:20]
    label = OPPORTUNITY_STATUS_LABELS.get(status, "")
    commit_or_flash(
        lambda: services.move_opportunity(current_user, opportunity, status),
        lambda: _("Status changed to %(status)s.", status=label),
    )
    return redirect(url_for("opportunities.detail", opportunity_id=opportunity.id))


def _documents_page(form, status=200):
    rows = db.session.scalars(
        select(QualificationDocument).order_by(
            QualificationDocument.kind, QualificationDocument.id.desc()
        )
    ).all()
    return render_template(
        "resources/opportunities/documents.html",
        documents=rows,
        current={d.id for d in services.current_documents().values()},
        expiring={d.id for d in services.expiring_documents(today())},
        form=form,
    ), status


@bp.get("/documents")
@staff_required
def documents():
    return _documents_page(DocumentForm(formdata=None))


@bp.post("/documents")
@coordinator_required
def add_document():
    form = DocumentForm()
    if form.validate_on_submit():
        values = {
            k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")
        }
        try:
            services.add_document(current_user, **values)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The document was recorded."), "success")
            return redirect(url_for("opportunities.documents"))
    return _documents_page(form, 400)
