"""Staff pages of drives: list, create, edit, status, goals and drop-off points.

Intake, pledges, stock and donors are in ``views_*.py`` modules on the same
blueprint; the public drive page is in ``views_public.py``.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives import services
from volunteer_hub.drives.forms import DriveForm, ItemForm, PointForm, StatusForm
from volunteer_hub.drives.models import (
    DONOR_KIND_LABELS,
    DRIVE_STATUS_LABELS,
    PRIORITY_LABELS,
    Drive,
    DriveItem,
    DropOffPoint,
)
from volunteer_hub.drives.models_stock import (
    ADJUSTMENT_REASON_LABELS,
    CONDITION_LABELS,
    STOCK_KIND_LABELS,
    VALUATION_BASIS_LABELS,
)
from volunteer_hub.drives.progress import item_progress, overall_percent
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate

bp = Blueprint("drives", __name__, url_prefix="/drives")


@bp.app_template_filter("when")
def format_when(value) -> str:
    """A timestamp in the organisation's time zone, short form."""
    return "" if value is None else format_datetime(value, "short")


@bp.app_context_processor
def drive_labels():
    return {
        "drive_status_labels": DRIVE_STATUS_LABELS,
        "priority_labels": PRIORITY_LABELS,
        "condition_labels": CONDITION_LABELS,
        "basis_labels": VALUATION_BASIS_LABELS,
        "stock_kind_labels": STOCK_KIND_LABELS,
        "adjustment_labels": ADJUSTMENT_REASON_LABELS,
        "donor_kind_labels": DONOR_KIND_LABELS,
    }


def drive_or_404(drive_id: int) -> Drive:
    return db.get_or_404(Drive, drive_id)


def _form_values(form, names) -> dict:
    return {name: form[name].data for name in names if name in form}


@bp.get("/")
@staff_required
def index():
    page = paginate(select(Drive).order_by(Drive.id.desc()), per_page=20)
    percents = {d.id: overall_percent(item_progress(d)) for d in page.items}
    return render_template("drives/index.html", page=page, percents=percents)


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def new():
    form = DriveForm()
    if form.validate_on_submit():
        try:
            drive = services.create_drive(**_form_values(form, services.DRIVE_FIELDS))
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The drive has been created. Now add its item goals."), "success")
            return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/new.html", form=form)


@bp.get("/<int:drive_id>")
@staff_required
def detail(drive_id):
    from volunteer_hub.drives.views_intake import recent_intakes

    drive = drive_or_404(drive_id)
    rows = item_progress(drive)
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
    if form.validate_on_submit():
        try:
            services.update_drive(drive, **_form_values(form, services.DRIVE_FIELDS))
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The drive has been saved."), "success")
            return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/edit.html", form=form, drive=drive)


@bp.post("/<int:drive_id>/status")
@coordinator_required
def set_status(drive_id):
    drive = drive_or_404(drive_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.set_drive_status(drive, form.status.data, form.reason.data)
        except DomainError as error:
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(
                _(
                    "The drive is now: %(status)s.",
                    status=DRIVE_STATUS_LABELS[drive.status],
                ),
                "success",
            )
    else:
        flash(_("Please choose a status."), "error")
    return redirect(url_for("drives.detail", drive_id=drive.id))


@bp.route("/<int:drive_id>/items/new", methods=["GET", "POST"])
@coordinator_required
def new_item(drive_id):
    drive = drive_or_404(drive_id)
    form = ItemForm()
    if form.validate_on_submit():
        try:
            services.add_item(drive, **_form_values(form, services.ITEM_FIELDS))
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The item goal has been added."), "success")
            return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/new_item.html", form=form, drive=drive)


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
@coordinator_required
def edit_item(item_id):
    item = db.get_or_404(DriveItem, item_id)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        try:
            services.change_item(
                item, form.reason.data or "", **_form_values(form, services.ITEM_FIELDS)
            )
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
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
    if form.validate_on_submit():
        services.add_point(drive, **_form_values(form, services.POINT_FIELDS))
        db.session.commit()
        flash(_("The drop-off point has been added."), "success")
        return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/new_point.html", form=form, drive=drive)


@bp.route("/points/<int:point_id>", methods=["GET", "POST"])
@coordinator_required
def edit_point(point_id):
    point = db.get_or_404(DropOffPoint, point_id)
    form = PointForm(obj=point)
    if form.validate_on_submit():
        services.update_point(point, **_form_values(form, services.POINT_FIELDS))
        db.session.commit()
        flash(_("The drop-off point has been saved."), "success")
        return redirect(url_for("drives.detail", drive_id=point.drive_id))
    return render_template(
        "drives/edit_point.html", form=form, point=point, drive=point.drive
    )


from volunteer_hub.drives import (  # noqa: E402,F401 - routes on this blueprint
    views_donors,
    views_intake,
    views_pledges,
    views_public,
    views_stock,
)
