"""Staff pages of a drive: list, create, edit, status, item goals and drop-off points.

Each writing view: validate the form → one service with ``by=`` the signed-in user
→ ``commit_service`` (commits once, or puts the service's error on the form) →
flash → redirect.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives import services
from volunteer_hub.drives.blueprint import bp, drive_or_404
from volunteer_hub.drives.forms import DriveForm, ItemForm, PointForm, StatusForm
from volunteer_hub.drives.intake.queries import recent_intakes
from volunteer_hub.drives.models import (
    DRIVE_STATUS_LABELS,
    Drive,
    DriveItem,
    DropOffPoint,
)
from volunteer_hub.drives.public.cache import kept_sums
from volunteer_hub.drives.queries import item_progress, overall_percent
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.web import commit_service


def form_values(form, names) -> dict:
    """The data of the fields of ``form`` named in ``names``."""
    return {name: form[name].data for name in names if name in form}


@bp.get("/")
@staff_required
def index():
    page = paginate(select(Drive).order_by(Drive.id.desc()), per_page=20)
    percents = {
        d.id: overall_percent(item_progress(d, kept_sums(d))) for d in page.items
    }
    return render_template("drives/index.html", page=page, percents=percents)


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def new():
    form = DriveForm()
    values = form_values(form, services.DRIVE_FIELDS)
    if form.validate_on_submit() and (
        done := commit_service(
            lambda: services.create_drive(by=current_user, **values), form=form
        )
    ):
        flash(_("The drive has been created. Now add its item goals."), "success")
        return redirect(url_for("drives.detail", drive_id=done.value.id))
    return render_template("drives/new.html", form=form)


@bp.get("/<int:drive_id>")
@staff_required
def detail(drive_id):
    drive = drive_or_404(drive_id)
    rows = item_progress(drive, kept_sums(drive))
    return render_template(
        "drives/detail.html",
        drive=drive,
        rows=rows,
        overall=overall_percent(rows),
        status_form=StatusForm(),
        intakes=recent_intakes(drive),
    )


@bp.route("/<int:drive_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(drive_id):
    drive = drive_or_404(drive_id)
    form = DriveForm(obj=drive)
    values = form_values(form, services.DRIVE_FIELDS)
    if form.validate_on_submit() and commit_service(
        lambda: services.update_drive(drive, **values), form=form
    ):
        flash(_("The drive has been saved."), "success")
        return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/edit.html", form=form, drive=drive)


@bp.post("/<int:drive_id>/status")
@coordinator_required
def set_status(drive_id):
    drive = drive_or_404(drive_id)
    form = StatusForm()
    if not form.validate_on_submit():
        flash(_("Please choose a status."), "error")
    elif commit_service(
        lambda: services.set_drive_status(drive, form.status.data, form.reason.data)
    ):
        status = DRIVE_STATUS_LABELS[drive.status]
        flash(_("The drive is now: %(status)s.", status=status), "success")
    return redirect(url_for("drives.detail", drive_id=drive.id))


@bp.route("/<int:drive_id>/items/new", methods=["GET", "POST"])
@coordinator_required
def new_item(drive_id):
    drive = drive_or_404(drive_id)
    form = ItemForm()
    values = form_values(form, services.ITEM_FIELDS)
    if form.validate_on_submit() and commit_service(
        lambda: services.add_item(drive, by=current_user, **values), form=form
    ):
        flash(_("The item goal has been added."), "success")
        return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/new_item.html", form=form, drive=drive)


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
@coordinator_required
def edit_item(item_id):
    item = db.get_or_404(DriveItem, item_id)
    form = ItemForm(obj=item)
    values = form_values(form, services.ITEM_FIELDS)
    if form.validate_on_submit() and commit_service(
        lambda: services.change_item(
            item, form.reason.data or "", by=current_user, **values
        ),
        form=form,
    ):
        flash(_("The item goal has been changed."), "success")
        return redirect(url_for("drives.detail", drive_id=item.drive_id))
    return render_template(
        "drives/edit_item.html",
        form=form,
        item=item,
        drive=item.drive,
        revisions=services.item_revisions(item),
    )


@bp.route("/<int:drive_id>/points/new", methods=["GET", "POST"])
@coordinator_required
def new_point(drive_id):
    drive = drive_or_404(drive_id)
    form = PointForm()
    values = form_values(form, services.POINT_FIELDS)
    if form.validate_on_submit() and commit_service(
        lambda: services.add_point(drive, **values), form=form
    ):
        flash(_("The drop-off point has been added."), "success")
        return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/new_point.html", form=form, drive=drive)


@bp.route("/points/<int:point_id>", methods=["GET", "POST"])
@coordinator_required
def edit_point(point_id):
    point = db.get_or_404(DropOffPoint, point_id)
    form = PointForm(obj=point)
    values = form_values(form, services.POINT_FIELDS)
    if form.validate_on_submit() and commit_service(
        lambda: services.update_point(point, **values), form=form
    ):
        flash(_("The drop-off point has been saved."), "success")
        return redirect(url_for("drives.detail", drive_id=point.drive_id))
    return render_template(
        "drives/edit_point.html", form=form, point=point, drive=point.drive
    )
