"""Staff pages for stock on hand, adjustments and transfers."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives.blueprint import bp, drive_or_404
from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.queries import item_progress
from volunteer_hub.drives.stock import services
from volunteer_hub.drives.stock.forms import AdjustForm, TransferForm, place_choices
from volunteer_hub.ids import parse_id
from volunteer_hub.pagination import paginate
from volunteer_hub.web import commit_service


def _items(drive: Drive):
    locale = get_locale()
    return [(str(i.id), f"{i.name(locale)} ({i.unit})") for i in drive.items]


def _stock_forms(drive: Drive):
    adjust, transfer = AdjustForm(prefix="adjust"), TransferForm(prefix="transfer")
    adjust.item_id.choices = transfer.item_id.choices = _items(drive)
    adjust.point_id.choices = transfer.from_point.choices = place_choices(drive)
    transfer.to_point.choices = place_choices(drive)
    return adjust, transfer


def _render_stock(drive, adjust, transfer):
    page = paginate(services.ledger(drive, parse_id(request.args.get("item"))))
    return render_template(
        "drives/stock_page.html",
        drive=drive,
        rows=item_progress(drive),
        by_place=services.stock_by_place(drive),
        places={p.id: p for p in drive.points},
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
    if form.validate_on_submit() and commit_service(
        lambda: services.record_adjustment(drive, form.data, by=current_user),
        form=form,
    ):
        flash(_("The adjustment has been recorded."), "success")
        return redirect(url_for("drives.stock_page", drive_id=drive.id))
    return _render_stock(drive, form, transfer), 400


@bp.post("/<int:drive_id>/stock/transfer")
@coordinator_required
def transfer(drive_id):
    drive = drive_or_404(drive_id)
    adjust_form, form = _stock_forms(drive)
    if form.validate_on_submit() and commit_service(
        lambda: services.record_transfer(drive, form.data, by=current_user),
        form=form,
    ):
        flash(_("The transfer has been recorded."), "success")
        return redirect(url_for("drives.stock_page", drive_id=drive.id))
    return _render_stock(drive, adjust_form, form), 400
