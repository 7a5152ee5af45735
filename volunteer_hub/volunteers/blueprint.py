"""The volunteers blueprint, its loaders and what its views share.

Every volunteer page is on this one blueprint (endpoints ``volunteers.*``); the
sub-packages attach their routes to it. Personal pages live under
``/v/<secret>``: a wrong, old or withdrawn secret is a plain 404.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, url_for

from volunteer_hub.extensions import db
from volunteer_hub.volunteers.certificates.models import ServiceCertificate
from volunteer_hub.volunteers.hours.models import ServiceRecord
from volunteer_hub.volunteers.models import Specialty, Volunteer
from volunteer_hub.volunteers.personal_link.services import find_volunteer_by_secret

bp = Blueprint("volunteers", __name__)


def signup_limit() -> str:
    return current_app.config.get("SIGNUP_RATE_LIMIT", "10 per minute; 60 per hour")


def link_limit() -> str:
    return current_app.config.get("LINK_RATE_LIMIT", "30 per minute")


def volunteer_or_404(volunteer_id: int) -> Volunteer:
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None:
        abort(404)
    return volunteer


def current_volunteer_or_404(volunteer_id: int) -> Volunteer:
    """A volunteer who has not withdrawn (a withdrawn record cannot change)."""
    volunteer = volunteer_or_404(volunteer_id)
    if volunteer.is_withdrawn:
        abort(404)
    return volunteer


def volunteer_for(secret: str) -> Volunteer:
    """The volunteer of a personal link, or 404."""
    volunteer = find_volunteer_by_secret(secret)
    if volunteer is None:
        abort(404)
    db.session.commit()  # keeps a pending link that was just used for the first time
    return volunteer


def specialty_or_404(specialty_id: int) -> Specialty:
    specialty = db.session.get(Specialty, specialty_id)
    if specialty is None:
        abort(404)
    return specialty


def record_or_404(record_id: int) -> ServiceRecord:
    entry = db.session.get(ServiceRecord, record_id)
    if entry is None:
        abort(404)
    return entry


def certificate_or_404(volunteer_id: int, certificate_id: int) -> ServiceCertificate:
    """A certificate of that volunteer (a number of another one is a 404)."""
    certificate = db.session.get(ServiceCertificate, certificate_id)
    if certificate is None or certificate.volunteer_id != volunteer_id:
        abort(404)
    return certificate


def back_to_volunteer(volunteer_id: int, anchor: str | None = None):
    """Redirect to the coordinators' page of a volunteer."""
    return redirect(
        url_for("volunteers.detail", volunteer_id=volunteer_id, _anchor=anchor)
    )


def back_to_me(secret: str, anchor: str = ""):
    """Redirect to the volunteer's own page."""
    return redirect(url_for("volunteers.me", secret=secret, _anchor=anchor or None))


def flash_errors(form) -> None:
    """Flash a form's messages, for forms posted from another page."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")
