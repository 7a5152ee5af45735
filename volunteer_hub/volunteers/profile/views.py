"""A volunteer's record: added and edited by coordinators, and by the volunteer
on their own page (``/v/<secret>``)."""

from __future__ import annotations

from flask import abort, flash, render_template
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required, public, staff_required
from volunteer_hub.extensions import limiter
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.admin.services import (
    current_notice,
    current_settings,
    specialties_to_choose,
)
from volunteer_hub.volunteers.availability.services import list_exceptions
from volunteer_hub.volunteers.blueprint import (
    back_to_me,
    back_to_volunteer,
    bp,
    current_volunteer_or_404,
    link_limit,
    volunteer_for,
    volunteer_or_404,
)
from volunteer_hub.volunteers.certificates.forms import default_request_form
from volunteer_hub.volunteers.certificates.services import certificates_of
from volunteer_hub.volunteers.hours.forms import HoursForm
from volunteer_hub.volunteers.hours.services import approved_hours, history
from volunteer_hub.volunteers.lifecycle.forms import CoreForm, StatusForm
from volunteer_hub.volunteers.profile import services
from volunteer_hub.volunteers.profile.forms import (
    OwnProfileForm,
    StaffCreateForm,
    StaffProfileForm,
    initial_data,
    with_specialties,
)
from volunteer_hub.volunteers.profile.queries import (
    core_history,
    missing_details,
    recent_events,
)
from volunteer_hub.web import commit_service


@bp.route("/volunteers/new", methods=["GET", "POST"])
@coordinator_required
def create():
    form = with_specialties(StaffCreateForm, specialties_to_choose())()
    if not form.validate_on_submit():
        return render_template("volunteers/create.html", form=form)
    consent = current_notice().version if form.consent.data else None
    done = commit_service(
        lambda: services.add_volunteer(
            form.profile_values(),
            specialties=form.specialty_choices(),
            slots=form.slot_pairs(),
            consent_version=consent,
        ),
        form=form,
    )
    if not done:
        return render_template("volunteers/create.html", form=form)
    flash(_("The volunteer has been added."), "success")
    return back_to_volunteer(done.value.id)


@bp.get("/volunteers/<int:volunteer_id>")
@staff_required
def detail(volunteer_id):
    volunteer = volunteer_or_404(volunteer_id)
    return render_template(
        "volunteers/detail.html",
        volunteer=volunteer,
        id_number=visible_id_number(volunteer),
        records=history(volunteer.id),
        total=approved_hours(volunteer.id),
        certificates=certificates_of(volunteer),
        exceptions=list_exceptions(volunteer),
        events=recent_events(volunteer),
        core_history=core_history(volunteer),
        core_form=CoreForm(prefix="core"),
        status_form=StatusForm(prefix="status"),
        hours_form=HoursForm(),
        settings=current_settings(),
    )


def visible_id_number(volunteer):
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
    volunteer = current_volunteer_or_404(volunteer_id)
    form_class = with_specialties(StaffProfileForm, specialties_to_choose(volunteer))
    data = initial_data(volunteer) | {
        "notes": volunteer.notes,
        "preferred_locale": volunteer.preferred_locale,
        "id_number": personal.unprotect(volunteer.id_number_protected) or "",
    }
    form = form_class(data=data)
    if form.validate_on_submit() and commit_service(
        lambda: services.save_profile(
            volunteer,
            form.profile_values(),
            specialties=form.specialty_choices(),
            slots=form.slot_pairs(),
        ),
        form=form,
    ):
        flash(_("The changes have been saved."), "success")
        return back_to_volunteer(volunteer.id)
    return render_template("volunteers/edit.html", form=form, volunteer=volunteer)


@bp.post("/volunteers/<int:volunteer_id>/specialties/<int:link_id>/verify")
@coordinator_required
def verify(volunteer_id, link_id):
    volunteer = volunteer_or_404(volunteer_id)
    link = next((s for s in volunteer.specialties if s.id == link_id), None)
    if link is None:
        abort(404)
    if commit_service(lambda: services.verify_specialty(link, current_user)):
        flash(_("The certificate is marked as verified."), "success")
    return back_to_volunteer(volunteer.id)


@bp.get("/v/<secret>")
@public
@limiter.limit(link_limit)
def me(secret):
    volunteer = volunteer_for(secret)
    return render_template(
        "volunteers/me.html",
        volunteer=volunteer,
        secret=secret,
        records=history(volunteer.id),
        total=approved_hours(volunteer.id),
        certificates=certificates_of(volunteer),
        exceptions=list_exceptions(volunteer),
        certificate_form=default_request_form(),
        missing=missing_details(
            volunteer, collect_id_number=current_settings().collect_id_number
        ),
    )


@bp.route("/v/<secret>/edit", methods=["GET", "POST"])
@public
@limiter.limit(link_limit)
def me_edit(secret):
    volunteer = volunteer_for(secret)
    form_class = with_specialties(OwnProfileForm, specialties_to_choose(volunteer))
    form = form_class(data=initial_data(volunteer))
    if not current_settings().collect_id_number:
        del form.id_number
    if form.validate_on_submit() and commit_service(
        lambda: services.save_profile(
            volunteer,
            form.profile_values(),
            specialties=form.specialty_choices(),
            slots=form.slot_pairs(),
            actor_label=volunteer.actor_label,
        ),
        form=form,
    ):
        flash(_("Your changes have been saved."), "success")
        return back_to_me(secret)
    return render_template(
        "volunteers/me_edit.html", form=form, volunteer=volunteer, secret=secret
    )
