"""Staff pages for pledges: enter one, list them, see what is outstanding, cancel."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives.blueprint import bp, drive_or_404
from volunteer_hub.drives.donors.services import resolve_donor
from volunteer_hub.drives.forms import ReasonForm
from volunteer_hub.drives.models import Pledge, PledgeLine
from volunteer_hub.drives.pledges import services
from volunteer_hub.drives.pledges.forms import label_quantities, pledge_form_for
from volunteer_hub.drives.today import DUE_DAYS, due_pledges
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.web import commit_service


@bp.route("/<int:drive_id>/pledges/new", methods=["GET", "POST"])
@coordinator_required
def new_pledge(drive_id):
    drive = drive_or_404(drive_id)
    items = [i for i in drive.items if i.is_goal]
    form = pledge_form_for(items)
    label_quantities(form, items)
    if form.validate_on_submit() and (
        done := commit_service(
            lambda: services.record_pledge(drive, form.pledge(), by=current_user),
            form=form,
        )
    ):
        flash(_("The pledge has been recorded."), "success")
        return redirect(url_for("drives.pledge_detail", pledge_id=done.value.id))
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
    fulfilled = {p.id: services.pledge_is_fulfilled(p) for p in page.items}
    return render_template(
        "drives/pledges_list.html", drive=drive, page=page, fulfilled=fulfilled
    )


@bp.get("/pledges/due")
@staff_required
def pledges_due():
    """The pledges the home page counts as due: expected soon, nothing yet."""
    # What each row shows, read with the page rather than one query per row.
    statement = due_pledges().options(
        joinedload(Pledge.donor),
        joinedload(Pledge.drive),
        selectinload(Pledge.lines).joinedload(PledgeLine.item),
    )
    return render_template(
        "drives/pledges_due.html", page=paginate(statement), due_days=DUE_DAYS
    )


@bp.get("/pledges/<int:pledge_id>")
@staff_required
def pledge_detail(pledge_id):
    pledge = db.get_or_404(Pledge, pledge_id)
    return render_template(
        "drives/pledge_detail.html",
        pledge=pledge,
        drive=pledge.drive,
        rows=services.pledge_lines_status(pledge),
        form=ReasonForm(prefix="cancel"),
        donor=resolve_donor(pledge.donor),
    )


@bp.post("/pledges/<int:pledge_id>/cancel")
@coordinator_required
def cancel_pledge(pledge_id):
    pledge = db.get_or_404(Pledge, pledge_id)
    form = ReasonForm(prefix="cancel")
    if not form.validate_on_submit():
        flash(_("Give a reason."), "error")
    elif commit_service(lambda: services.cancel_pledge(pledge, form.reason.data)):
        flash(_("The pledge has been cancelled."), "success")
    return redirect(url_for("drives.pledge_detail", pledge_id=pledge.id))
