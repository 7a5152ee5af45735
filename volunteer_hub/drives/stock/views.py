"""Staff pages for stock on hand, adjustments, transfers and distributions."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives import distributions, stock
from volunteer_hub.drives.forms import (
    AdjustForm,
    DistributionForm,
    ReasonForm,
    TransferForm,
    quantity,
)
from volunteer_hub.drives.models import Drive, DriveItem, DropOffPoint
from volunteer_hub.drives.models_stock import Distribution
from volunteer_hub.drives.progress import item_progress
from volunteer_hub.drives.views import bp, drive_or_404, format_quantity
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id
from volunteer_hub.pagination import paginate

NO_PLACE = "none"


def _places(drive: Drive):
    return [(str(p.id), p.name) for p in drive.points] + [(NO_PLACE, _("No place"))]


def _items(drive: Drive):
    locale = get_locale()
    return [(str(i.id), f"{i.name(locale)} ({i.unit})") for i in drive.items]


def _point(drive: Drive, raw: str, field: str) -> DropOffPoint | None:
    if raw == NO_PLACE or not raw:
        return None
    point_id = parse_id(raw)
    point = db.session.get(DropOffPoint, point_id) if point_id else None
    if point is None or point.drive_id != drive.id:
        raise DomainError(_("Choose a place of this drive."), field)
    return point


def _item(drive: Drive, raw: str) -> DriveItem:
    item_id = parse_id(raw)
    item = db.session.get(DriveItem, item_id) if item_id else None
    if item is None or item.drive_id != drive.id:
        raise DomainError(_("Choose an item of this drive."), "item_id")
    return item


def _stock_forms(drive: Drive):
    adjust, transfer = AdjustForm(prefix="adjust"), TransferForm(prefix="transfer")
    adjust.item_id.choices = transfer.item_id.choices = _items(drive)
    adjust.point_id.choices = transfer.from_point.choices = _places(drive)
    transfer.to_point.choices = _places(drive)
    return adjust, transfer


def _render_stock(drive, adjust, transfer):
    places = {p.id: p for p in drive.points}
    page = paginate(stock.ledger(drive, parse_id(request.args.get("item"))))
    return render_template(
        "drives/stock_page.html",
        drive=drive,
        rows=item_progress(drive),
        by_place=stock.stock_by_place(drive),
        places=places,
        items={i.id: i for i in drive.items},
        page=page,
        adjust_form=adjust,
        transfer_form=transfer,
    )


@bp.get("/<int:drive_id>/stock")
@staff_required
def stock_page(drive_id):
    drive = drive_or_404(drive_id)
    return _render_stock(drive, *_stock_forms(drive))


@bp.post("/<int:drive_id>/stock/adjust")
@coordinator_required
def adjust(drive_id):
    drive = drive_or_404(drive_id)
    form, transfer = _stock_forms(drive)
    if form.validate_on_submit():
        try:
            stock.adjust_stock(
                _item(drive, form.item_id.data),
                _point(drive, form.point_id.data, "point_id"),
                form.quantity.data,
                form.reason.data,
                form.note.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The adjustment has been recorded."), "success")
            return redirect(url_for("drives.stock_page", drive_id=drive.id))
    return _render_stock(drive, form, transfer), 400


@bp.post("/<int:drive_id>/stock/transfer")
@coordinator_required
def transfer(drive_id):
    drive = drive_or_404(drive_id)
    adjust_form, form = _stock_forms(drive)
    if form.validate_on_submit():
        try:
            stock.transfer_stock(
                _item(drive, form.item_id.data),
                _point(drive, form.from_point.data, "from_point"),
                _point(drive, form.to_point.data, "to_point"),
                form.quantity.data,
                form.note.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The transfer has been recorded."), "success")
            return redirect(url_for("drives.stock_page", drive_id=drive.id))
    return _render_stock(drive, adjust_form, form), 400


def _distribution_form(drive: Drive, rows: dict):
    locale = get_locale()

    class Form(DistributionForm):
        pass

    for item in drive.items:
        have = format_quantity(rows[item.id].on_hand)
        setattr(
            Form,
            f"qty_{item.id}",
            quantity(
                f"{item.name(locale)} ({item.unit})",
                description=_("On hand: %(quantity)s", quantity=have),
            ),
        )
    form = Form()
    form.point_id.choices = _places(drive)
    return form


@bp.route("/<int:drive_id>/distributions/new", methods=["GET", "POST"])
@coordinator_required
def new_distribution(drive_id):
    drive = drive_or_404(drive_id)
    rows = {r.item.id: r for r in item_progress(drive)}
    form = _distribution_form(drive, rows)
    if form.validate_on_submit():
        lines = [
            (i, form[f"qty_{i.id}"].data)
            for i in drive.items
            if form[f"qty_{i.id}"].data is not None
        ]
        try:
            given = distributions.record_distribution(
                drive,
                lines,
                point=_point(drive, form.point_id.data, "point_id"),
                **{
                    k: form[k].data
                    for k in (
                        "recipient",
                        "destination",
                        "handed_over_by",
                        "received_by",
                        "show_publicly",
                        "note",
                    )
                },
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(
                _("Distribution %(number)s has been recorded.", number=given.number),
                "success",
            )
            return redirect(
                url_for("drives.distribution_detail", distribution_id=given.id)
            )
    return render_template(
        "drives/new_distribution.html",
        drive=drive,
        form=form,
        rows=rows,
    )


@bp.get("/<int:drive_id>/distributions")
@staff_required
def distributions_list(drive_id):
    drive = drive_or_404(drive_id)
    page = paginate(
        select(Distribution)
        .where(Distribution.drive_id == drive.id)
        .order_by(Distribution.id.desc())
    )
    return render_template("drives/distributions_list.html", drive=drive, page=page)


@bp.get("/distributions/<int:distribution_id>")
@staff_required
def distribution_detail(distribution_id):
    given = db.get_or_404(Distribution, distribution_id)
    reversal = db.session.scalar(
        select(Distribution).where(Distribution.reverses_id == given.id)
    )
    return render_template(
        "drives/distribution_detail.html",
        distribution=given,
        reversal=reversal,
        drive=db.session.get(Drive, given.drive_id),
        form=ReasonForm(prefix="reverse"),
    )


@bp.post("/distributions/<int:distribution_id>/reverse")
@coordinator_required
def reverse_distribution(distribution_id):
    given = db.get_or_404(Distribution, distribution_id)
    form = ReasonForm(prefix="reverse")
    target = given.id
    if not form.validate_on_submit():
        flash(_("Give the reason for the correction."), "error")
    else:
        try:
            target = distributions.reverse_distribution(given, form.reason.data).id
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(_("The distribution has been reversed."), "success")
    return redirect(url_for("drives.distribution_detail", distribution_id=target))
