"""The volunteer's weekly times and dated exceptions, on their own page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from volunteer_hub.auth.access import public
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db, limiter
from volunteer_hub.volunteers.availability import services
from volunteer_hub.volunteers.availability.forms import AvailabilityForm, ExceptionForm
from volunteer_hub.volunteers.blueprint import (
    back_to_me,
    bp,
    flash_errors,
    link_limit,
    volunteer_for,
)
from volunteer_hub.volunteers.profile.forms import initial_data
from volunteer_hub.web import commit_service


@bp.route("/v/<secret>/availability", methods=["GET", "POST"])
@public
@limiter.limit(link_limit)
def me_availability(secret):
    volunteer = volunteer_for(secret)
    form = AvailabilityForm(data={"slots": initial_data(volunteer)["slots"]})
    if form.validate_on_submit() and commit_service(
        lambda: services.set_availability(
            volunteer, form.slot_pairs(), actor_label=volunteer.actor_label
        ),
        form=form,
    ):
        flash(_("Your times have been saved."), "success")
        return back_to_me(secret, "availability")
    return render_template(
        "volunteers/me_availability.html",
        form=form,
        exception_form=ExceptionForm(formdata=None),
        exceptions=services.list_exceptions(volunteer),
        volunteer=volunteer,
        secret=secret,
    )


@bp.post("/v/<secret>/exceptions")
@public
@limiter.limit(link_limit)
def me_add_exception(secret):
    volunteer = volunteer_for(secret)
    form = ExceptionForm()
    if not form.validate_on_submit():
        flash_errors(form)
    elif commit_service(
        lambda: services.add_exception(
            volunteer,
            day=form.day.data,
            part=form.part.data or None,
            available=form.available.data == "yes",
            note=form.note.data or "",
            actor_label=volunteer.actor_label,
        )
    ):
        flash(_("The date has been added."), "success")
    return redirect(url_for("volunteers.me_availability", secret=secret))


@bp.post("/v/<secret>/exceptions/<int:exception_id>/remove")
@public
@limiter.limit(link_limit)
def me_remove_exception(secret, exception_id):
    volunteer = volunteer_for(secret)
    try:
        services.remove_exception(
            volunteer, exception_id, actor_label=volunteer.actor_label
        )
    except DomainError:
        abort(404)  # another volunteer's date, or one already removed
    db.session.commit()
    flash(_("The date has been removed."), "success")
    return redirect(url_for("volunteers.me_availability", secret=secret))
