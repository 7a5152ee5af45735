"""Staff pages for distributions: record, list, view, reverse, pass an intake on."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives.blueprint import bp, drive_or_404
from volunteer_hub.drives.distributions import services
from volunteer_hub.drives.distributions.forms import (
    PassThroughForm,
    distribution_form_for,
)
from volunteer_hub.drives.distributions.models import Distribution
from volunteer_hub.drives.forms import ReasonForm
from volunteer_hub.drives.intake.models import Intake
from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.queries import item_progress
from volunteer_hub.drives.stock.forms import place_choices
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.web import commit_service


@bp.route("/<int:drive_id>/distributions/new", methods=["GET", "POST"])
@coordinator_required
def new_distribution(drive_id):
    drive = drive_or_404(drive_id)
    rows = {r.item.id: r for r in item_progress(drive)}
    form = distribution_form_for(drive, rows)
    form.point_id.choices = place_choices(drive)
    if form.validate_on_submit() and (
        done := commit_service(
            lambda: services.distribute_goods(
                drive, form.distribution(), by=current_user
            ),
            form=form,
        )
    ):
        number = done.value.number
        flash(_("Distribution %(number)s has been recorded.", number=number), "success")
        return redirect(
            url_for("drives.distribution_detail", distribution_id=done.value.id)
        )
    return render_template(
        "drives/new_distribution.html", drive=drive, form=form, rows=rows
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
    elif done := commit_service(
        lambda: services.reverse_distribution(given, form.reason.data, by=current_user)
    ):
        target = done.value.id
        flash(_("The distribution has been reversed."), "success")
    return redirect(url_for("drives.distribution_detail", distribution_id=target))


@bp.post("/intakes/<int:intake_id>/pass-through")
@coordinator_required
def pass_through(intake_id):
    record = db.get_or_404(Intake, intake_id)
    form = PassThroughForm(prefix="pass")
    if not form.validate_on_submit():
        flash(_("Fill in who received the goods and who handed them over."), "error")
    elif done := commit_service(
        lambda: services.pass_through(
            record,
            by=current_user,
            **{key: form[key].data for key in services.FORM_FIELDS},
        )
    ):
        number = done.value.number
        flash(_("Distribution %(number)s has been recorded.", number=number), "success")
        return redirect(
            url_for("drives.distribution_detail", distribution_id=done.value.id)
        )
    return redirect(url_for("drives.intake_detail", intake_id=record.id))
