"""Contribution pages: the list, recording one, and cancelling a mistake."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.resources.forms import coerce_id
from volunteer_hub.resources.funding.blueprint import bp, contribution_or_404
from volunteer_hub.resources.funding.forms import ContributionForm, ReverseForm
from volunteer_hub.resources.funding.models import Contribution
from volunteer_hub.resources.funding.services import (
    is_reversed,
    record_contribution,
    reverse_contribution,
)
from volunteer_hub.resources.partners.models import Partner


@bp.get("/")
@staff_required
def index():
    statement = select(Contribution).order_by(
        Contribution.given_on.desc(), Contribution.id.desc()
    )
    return render_template("resources/funding/index.html", page=paginate(statement))


def _values(form) -> dict:
    skip = ("submit", "csrf_token", "partner_id")
    return {k: v for k, v in form.data.items() if k not in skip}


@bp.route("/contributions/new", methods=["GET", "POST"])
@coordinator_required
def new():
    form = ContributionForm()
    if request.method == "GET":
        form.partner_id.data = coerce_id(request.args.get("partner"))
        form.project_id.data = coerce_id(request.args.get("project"))
        form.given_on.data = clock.now().date()
    if form.validate_on_submit():
        partner = db.session.get(Partner, form.partner_id.data or 0)
        try:
            contribution = record_contribution(
                current_user, partner=partner, **_values(form)
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The contribution was recorded."), "success")
            return redirect(url_for("funding.detail", contribution_id=contribution.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("resources/funding/new.html", form=form), status


@bp.get("/contributions/<int:contribution_id>")
@staff_required
def detail(contribution_id: int):
    contribution = contribution_or_404(contribution_id)
    return render_template(
        "resources/funding/detail.html",
        contribution=contribution,
        reversed=is_reversed(contribution),
        form=ReverseForm(),
    )


@bp.post("/contributions/<int:contribution_id>/reverse")
@coordinator_required
def reverse(contribution_id: int):
    contribution = contribution_or_404(contribution_id)
    form = ReverseForm()
    if form.validate_on_submit():
        try:
            reverse_contribution(current_user, contribution, form.reason.data)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The entry was cancelled."), "success")
            return redirect(url_for("funding.detail", contribution_id=contribution.id))
    return render_template(
        "resources/funding/detail.html",
        contribution=contribution,
        reversed=is_reversed(contribution),
        form=form,
    ), 400
