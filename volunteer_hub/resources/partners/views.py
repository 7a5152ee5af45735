"""Partner pages: list, record, edit, contacts and the relationship log."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.forms import search_text
from volunteer_hub.pagination import paginate
from volunteer_hub.resources.funding.models import Contribution
from volunteer_hub.resources.labels import PARTNER_TYPE_LABELS
from volunteer_hub.resources.partners import services
from volunteer_hub.resources.partners.blueprint import bp, partner_or_404
from volunteer_hub.resources.partners.forms import ContactForm, LogForm, PartnerForm
from volunteer_hub.resources.partners.models import Partner, PartnerLink, name_key


@bp.get("/")
@staff_required
def index():
    query = search_text(request.args.get("q"))
    kind = request.args.get("type") or ""
    statement = select(Partner).order_by(Partner.name)
    if query:
        statement = statement.where(Partner.name_key.contains(name_key(query)))
    if kind in PARTNER_TYPE_LABELS:
        statement = statement.where(Partner.partner_type == kind)
    return render_template(
        "resources/partners/index.html", page=paginate(statement), q=query, kind=kind
    )


def _save(form, action, template, **context):
    if form.validate_on_submit():
        try:
            partner = action(form)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The partner was saved."), "success")
            return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template(
        template, form=form, **context
    ), 200 if not form.errors else 400


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def new():
    form = PartnerForm()

    def create(form):
        values = {
            k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")
        }
        return services.create_partner(current_user, **values)

    return _save(form, create, "resources/partners/new.html")


@bp.route("/<int:partner_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(partner_id: int):
    partner = partner_or_404(partner_id)
    form = PartnerForm(obj=partner)

    def update(form):
        values = {
            k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")
        }
        services.update_partner(current_user, partner, **values)
        return partner

    return _save(form, update, "resources/partners/edit.html", partner=partner)


@bp.get("/<int:partner_id>")
@staff_required
def detail(partner_id: int):

    partner = partner_or_404(partner_id)
    contributions = db.session.scalars(
        select(Contribution)
        .where(Contribution.partner_id == partner.id)
        .order_by(Contribution.given_on.desc(), Contribution.id.desc())
        .limit(50)
    ).all()
    links = db.session.scalars(
        select(PartnerLink).where(PartnerLink.partner_id == partner.id)
    ).all()
    return render_template(
        "resources/partners/detail.html",
        partner=partner,
        contributions=contributions,
        links=links,
        contact_form=ContactForm(),
        log_form=LogForm(),
    )


def _add(partner_id: int, form, action, message: str):
    partner = partner_or_404(partner_id)
    if form.validate_on_submit():
        try:
            action(partner, form)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("partners.detail", partner_id=partner.id))
    forms = {"contact_form": ContactForm(), "log_form": LogForm()}
    forms["contact_form" if isinstance(form, ContactForm) else "log_form"] = form
    return render_template(
        "resources/partners/detail.html",
        partner=partner,
        contributions=[],
        links=[],
        **forms,
    ), 400


@bp.post("/<int:partner_id>/contacts")
@coordinator_required
def add_contact(partner_id: int):
    def action(partner, form):
        services.add_contact(
            current_user,
            partner,
            name=form.name.data,
            position=form.position.data,
            phone=form.phone.data,
            email=form.email.data,
        )

    return _add(partner_id, ContactForm(), action, _("The contact was added."))


@bp.post("/<int:partner_id>/log")
@coordinator_required
def add_log(partner_id: int):
    def action(partner, form):
        services.log_contact(
            current_user,
            partner,
            kind=form.kind.data,
            happened_on=form.happened_on.data,
            summary=form.summary.data,
        )

    return _add(partner_id, LogForm(), action, _("The entry was added to the log."))
