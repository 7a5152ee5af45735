"""Staff pages for pledges: enter one, list them, see what is outstanding, cancel."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives import donors, pledges
from volunteer_hub.drives.forms import DONOR_ERROR_FIELDS, ReasonForm, pledge_form_for
from volunteer_hub.drives.models import Drive, Pledge
from volunteer_hub.drives.views import bp, drive_or_404
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.pagination import paginate


def label_quantities(form, items) -> None:
    locale = get_locale()
    for item in items:
        form[f"quantity_{item.id}"].label.text = f"{item.name(locale)} ({item.unit})"


def save_pledge(drive: Drive, form, items, source: str, still_needed=None):
    """Find or create the donor and record the pledge; DomainError on bad input."""
    org = current_organisation()
    donor = donors.find_or_create_donor(
        name=form.donor_name.data,
        phone=form.donor_phone.data,
        email=form.donor_email.data,
        kind=form.donor_kind.data or "person",
        show_publicly=form.show_publicly.data,
        region=org.country if org else "CN",
        actor_label="public" if source == "public" else None,
    )
    lines = [
        (i.id, form[f"quantity_{i.id}"].data)
        for i in items
        if form[f"quantity_{i.id}"].data is not None
    ]
    return pledges.create_pledge(
        drive,
        donor,
        lines,
        expected_on=form.expected_on.data,
        note=form.note.data or "",
        source=source,
        still_needed=still_needed,
        actor_label="public" if source == "public" else None,
    )


def attach_pledge_error(form, error: DomainError) -> None:
    error.field = DONOR_ERROR_FIELDS.get(error.field, error.field)
    if error.field == "lines":
        error.field = None
    attach_error(form, error)


@bp.route("/<int:drive_id>/pledges/new", methods=["GET", "POST"])
@coordinator_required
def new_pledge(drive_id):
    drive = drive_or_404(drive_id)
    items = [i for i in drive.items if i.is_goal]
    form = pledge_form_for(items)
    label_quantities(form, items)
    if form.validate_on_submit():
        try:
            pledge = save_pledge(drive, form, items, "staff")
        except DomainError as error:
            db.session.rollback()
            attach_pledge_error(form, error)
        else:
            db.session.commit()
            flash(_("The pledge has been recorded."), "success")
            return redirect(url_for("drives.pledge_detail", pledge_id=pledge.id))
    return render_template(
        "drives/new_pledge.html", drive=drive, form=form, items=items
    )


@bp.get("/<int:drive_id>/pledges")
@staff_required
def pledges_list(drive_id):
    drive = drive_or_404(drive_id)
    page = paginate(
        select(Pledge).where(Pledge.drive_id == drive.id).order_by(Pledge.id.desc())
    )
    fulfilled = {p.id: pledges.pledge_is_fulfilled(p) for p in page.items}
    return render_template(
        "drives/pledges_list.html", drive=drive, page=page, fulfilled=fulfilled
    )


@bp.get("/pledges/<int:pledge_id>")
@staff_required
def pledge_detail(pledge_id):
    pledge = db.get_or_404(Pledge, pledge_id)
    return render_template(
        "drives/pledge_detail.html",
        pledge=pledge,
        drive=pledge.drive,
        rows=pledges.pledge_lines_status(pledge),
        form=ReasonForm(prefix="cancel"),
        donor=donors.resolve_donor(pledge.donor),
    )


@bp.post("/pledges/<int:pledge_id>/cancel")
@coordinator_required
def cancel_pledge(pledge_id):
    pledge = db.get_or_404(Pledge, pledge_id)
    form = ReasonForm(prefix="cancel")
    try:
        if not form.validate_on_submit():
            raise DomainError(_("Give a reason."))
        pledges.cancel_pledge(pledge, form.reason.data)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The pledge has been cancelled."), "success")
    return redirect(url_for("drives.pledge_detail", pledge_id=pledge.id))
