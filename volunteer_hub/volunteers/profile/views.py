"""Coordinators' roster: list, add, a volunteer's page and its edits.

One blueprint ``volunteers`` serves every volunteer page; the routes live in
``views*.py`` modules imported at the end of this one.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.qr import qr_svg
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers import personal, services
from volunteer_hub.volunteers import services_lifecycle as lifecycle
from volunteer_hub.volunteers.certificates import certificates_of
from volunteer_hub.volunteers.forms import initial_data, with_specialties
from volunteer_hub.volunteers.forms_staff import (
    CoreForm,
    HoursForm,
    RosterFilterForm,
    StaffCreateForm,
    StaffProfileForm,
    StaffWithdrawForm,
    StatusForm,
)
from volunteer_hub.volunteers.labels import labels_context
from volunteer_hub.volunteers.models import CoreFlagChange, Volunteer
from volunteer_hub.volunteers.roster import (
    RosterFilter,
    counts_by_status,
    roster_statement,
    with_details,
)
from volunteer_hub.volunteers.services_admin import (
    current_notice,
    current_settings,
    ensure_specialties,
    list_specialties,
)
from volunteer_hub.volunteers.services_hours import approved_hours, history

bp = Blueprint("volunteers", __name__)


@bp.app_context_processor
def _labels():
    return {
        **labels_context(),
        "mask_phone": personal.mask_phone,
        "format_phone": personal.format_phone,
    }


def get_volunteer_or_404(volunteer_id: int) -> Volunteer:
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None:
        abort(404)
    return volunteer


def form_specialties(volunteer=None):
    """Current specialties, plus retired ones the volunteer still holds."""
    ensure_specialties()
    shown = list_specialties()
    held = {link.specialty_id for link in volunteer.specialties} if volunteer else set()
    retired = [
        s for s in list_specialties(include_retired=True) if s.retired and s.id in held
    ]
    return shown + retired


@bp.get("/volunteers/")
@staff_required
def index():
    specialties = list_specialties(include_retired=True)
    form = RosterFilterForm(request.args)
    form.set_specialties(specialties, str(get_locale()))
    roster_filter = RosterFilter.from_args(request.args)
    page = paginate(with_details(roster_statement(roster_filter)))
    return render_template(
        "volunteers/index.html",
        form=form,
        page=page,
        counts=counts_by_status(db.session),
        filtered=any(v for k, v in request.args.items() if k not in ("page", "lang")),
    )


@bp.route("/volunteers/new", methods=["GET", "POST"])
@coordinator_required
def create():
    form = with_specialties(StaffCreateForm, form_specialties())()
    if form.validate_on_submit():
        consent = current_notice().version if form.consent.data else None
        try:
            volunteer = services.create_volunteer(
                source="staff", consent_version=consent, **_profile(form)
            )
            services.set_specialties(volunteer, form.specialty_choices())
            services.set_availability(volunteer, form.slot_pairs())
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The volunteer has been added."), "success")
            return redirect(url_for("volunteers.detail", volunteer_id=volunteer.id))
    return render_template("volunteers/create.html", form=form)


def _profile(form) -> dict:
    keys = services.PROFILE_FIELDS
    return {k: v for k, v in form.data.items() if k in keys}


@bp.get("/volunteers/<int:volunteer_id>")
@staff_required
def detail(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    events = db.session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.entity_type == "volunteers",
            AuditEvent.entity_id == str(volunteer.id),
        )
        .order_by(AuditEvent.id.desc())
        .limit(50)
    ).all()
    core_history = db.session.scalars(
        select(CoreFlagChange)
        .where(CoreFlagChange.volunteer_id == volunteer.id)
        .order_by(CoreFlagChange.id.desc())
    ).all()
    return render_template(
        "volunteers/detail.html",
        volunteer=volunteer,
        id_number=_visible_id_number(volunteer),
        records=history(volunteer.id),
        total=approved_hours(volunteer.id),
        certificates=certificates_of(volunteer),
        exceptions=services.list_exceptions(volunteer),
        events=events,
        core_history=core_history,
        core_form=CoreForm(prefix="core"),
        status_form=StatusForm(prefix="status"),
        hours_form=HoursForm(),
        settings=current_settings(),
    )


def _visible_id_number(volunteer):
    """Full ID number for coordinators on the record itself, masked for viewers."""
    if current_user.has_role("coordinator"):
        value = personal.unprotect(volunteer.id_number_protected)
        if volunteer.id_number_protected and value is None:
            return _("(cannot be read)")
        return value
    return volunteer.id_number_masked


@bp.route("/volunteers/<int:volunteer_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    if volunteer.is_withdrawn:
        abort(404)
    form_class = with_specialties(StaffProfileForm, form_specialties(volunteer))
    data = initial_data(volunteer) | {
        "notes": volunteer.notes,
        "preferred_locale": volunteer.preferred_locale,
        "id_number": personal.unprotect(volunteer.id_number_protected) or "",
    }
    form = form_class(data=data)
    if form.validate_on_submit():
        try:
            services.update_profile(volunteer, **_profile(form))
            services.set_specialties(volunteer, form.specialty_choices())
            services.set_availability(volunteer, form.slot_pairs())
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The changes have been saved."), "success")
            return redirect(url_for("volunteers.detail", volunteer_id=volunteer.id))
    return render_template("volunteers/edit.html", form=form, volunteer=volunteer)


def _action_done(volunteer, message):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("volunteers.detail", volunteer_id=volunteer.id))


def _action_failed(volunteer, error_or_form):
    db.session.rollback()
    if isinstance(error_or_form, DomainError):
        flash(str(error_or_form.message), "error")
    else:
        for errors in error_or_form.errors.values():
            for message in errors:
                flash(str(message), "error")
    return redirect(url_for("volunteers.detail", volunteer_id=volunteer.id))


@bp.post("/volunteers/<int:volunteer_id>/approve")
@coordinator_required
def approve(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    try:
        lifecycle.approve_volunteer(volunteer)
    except DomainError as error:
        return _action_failed(volunteer, error)
    return _action_done(volunteer, _("The volunteer has been approved."))


@bp.post("/volunteers/<int:volunteer_id>/status")
@coordinator_required
def change_status(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    form = StatusForm(prefix="status")
    if not form.validate_on_submit():
        return _action_failed(volunteer, form)
    try:
        lifecycle.set_status(volunteer, form.status.data, note=form.note.data or "")
    except DomainError as error:
        return _action_failed(volunteer, error)
    return _action_done(volunteer, _("The status has been changed."))


@bp.post("/volunteers/<int:volunteer_id>/core")
@coordinator_required
def toggle_core(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    form = CoreForm(prefix="core")
    if not form.validate_on_submit():
        return _action_failed(volunteer, form)
    try:
        lifecycle.set_core(
            volunteer, not volunteer.is_core, reason=form.reason.data, user=current_user
        )
    except DomainError as error:
        return _action_failed(volunteer, error)
    message = (
        _("Marked as a core volunteer.")
        if volunteer.is_core
        else _("No longer a core volunteer.")
    )
    return _action_done(volunteer, message)


@bp.route("/volunteers/<int:volunteer_id>/withdraw", methods=["GET", "POST"])
@coordinator_required
def withdraw(volunteer_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    if volunteer.is_withdrawn:
        abort(404)
    form = StaffWithdrawForm()
    if form.validate_on_submit():
        lifecycle.withdraw_volunteer(volunteer, reason=form.reason.data)
        return _action_done(
            volunteer,
            _("The volunteer has been withdrawn and their personal data erased."),
        )
    return render_template("volunteers/withdraw.html", form=form, volunteer=volunteer)


@bp.post("/volunteers/<int:volunteer_id>/link")
@coordinator_required
def new_link(volunteer_id):
    """Make a new personal link and queue it (mail, or stored for staff)."""
    volunteer = get_volunteer_or_404(volunteer_id)
    try:
        secret = lifecycle.rotate_link(volunteer)
    except DomainError as error:
        return _action_failed(volunteer, error)
    message = lifecycle.send_link(
        volunteer, secret, created_by=current_user, shown=True
    )
    db.session.commit()
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


@bp.post("/volunteers/<int:volunteer_id>/specialties/<int:link_id>/verify")
@coordinator_required
def verify(volunteer_id, link_id):
    volunteer = get_volunteer_or_404(volunteer_id)
    link = next((s for s in volunteer.specialties if s.id == link_id), None)
    if link is None:
        abort(404)
    try:
        services.verify_specialty(link, current_user)
    except DomainError as error:
        return _action_failed(volunteer, error)
    return _action_done(volunteer, _("The certificate is marked as verified."))


# Route modules register on ``bp``; imported last because they import it.
from volunteer_hub.volunteers import (  # noqa: E402, F401
    views_admin,
    views_hours,
    views_io,
    views_public,
)
