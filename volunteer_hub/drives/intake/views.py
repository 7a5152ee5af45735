"""Staff pages for intake at the drop-off point: record, list, view, reverse."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives.blueprint import bp, drive_or_404
from volunteer_hub.drives.distributions.forms import PassThroughForm
from volunteer_hub.drives.donors.services import resolve_donor
from volunteer_hub.drives.forms import ReasonForm
from volunteer_hub.drives.intake import services
from volunteer_hub.drives.intake.forms import (
    DEFAULT_LINES,
    MAX_LINES,
    MORE_LINES,
    IntakeForm,
    item_choices,
)
from volunteer_hub.drives.intake.models import Intake
from volunteer_hub.drives.intake.queries import reversal_of, with_lines
from volunteer_hub.drives.models import Drive, Pledge
from volunteer_hub.drives.pledges.services import outstanding_lines
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id
from volunteer_hub.pagination import paginate
from volunteer_hub.web import commit_service


def _point_choices(drive: Drive):
    points = [(str(p.id), p.name) for p in drive.points if p.active]
    return points or [("", _("No drop-off point"))]


def _pledge_choices(drive: Drive):
    pledges = db.session.scalars(
        select(Pledge)
        .where(Pledge.drive_id == drive.id, Pledge.cancelled_at.is_(None))
        .order_by(Pledge.id.desc())
        .limit(200)
    )
    return [
        ("", _("No pledge")),
        *[(str(p.id), f"#{p.id} {p.donor.name}") for p in pledges],
    ]


def _intake_form(drive: Drive, outstanding: list[dict]) -> IntakeForm:
    """The form as posted, or on GET with the pledge's items filled in (never
    their quantities) and ``?line_count=`` lines."""
    form = IntakeForm()
    form.point_id.choices = _point_choices(drive)
    form.pledge_id.choices = _pledge_choices(drive)
    for line in form.line:
        line.item.choices = item_choices(drive)
    if request.method == "GET":
        form.pledge_id.data = request.args.get("pledge", "")
        form.counted_by_1.data = current_user.name
        wanted = parse_id(request.args.get("line_count"), maximum=99) or DEFAULT_LINES
        while len(form.line) < max(wanted, len(outstanding)) and form.add_line(drive):
            pass
        for line, row in zip(form.line, outstanding, strict=False):
            line.item.data = str(row["item"].id)
    return form


@bp.route("/<int:drive_id>/intake", methods=["GET", "POST"])
@coordinator_required
def new_intake(drive_id):
    drive = drive_or_404(drive_id)
    raw_pledge = request.values.get("pledge") or request.values.get("pledge_id")
    outstanding = outstanding_lines(drive, raw_pledge)
    form = _intake_form(drive, outstanding)
    if form.add_lines.data:
        for _n in range(MORE_LINES):
            form.add_line(drive)
    elif form.validate_on_submit() and (
        done := commit_service(
            lambda: services.record_delivery(drive, form.delivery(), by=current_user),
            form=form,
        )
    ):
        number = done.value.number
        flash(_("Intake %(number)s has been recorded.", number=number), "success")
        return redirect(url_for("drives.intake_detail", intake_id=done.value.id))
    return render_template(
        "drives/new_intake.html",
        drive=drive,
        form=form,
        lines=form.line,
        line_count=len(form.line),
        max_lines=MAX_LINES,
        outstanding=outstanding,
        valued_items=[i for i in drive.items if i.reference_unit_value is not None],
    )


@bp.get("/<int:drive_id>/intakes")
@staff_required
def intakes(drive_id):
    drive = drive_or_404(drive_id)
    page = paginate(
        with_lines(select(Intake))
        .where(Intake.drive_id == drive.id)
        .order_by(Intake.id.desc())
    )
    return render_template("drives/intakes.html", drive=drive, page=page)


@bp.get("/intakes/<int:intake_id>")
@staff_required
def intake_detail(intake_id):
    record = db.get_or_404(Intake, intake_id)
    original = (
        db.session.get(Intake, record.reverses_id) if record.reverses_id else None
    )
    return render_template(
        "drives/intake_detail.html",
        intake=record,
        drive=db.session.get(Drive, record.drive_id),
        original=original,
        reversal=reversal_of(record),
        reverse_form=ReasonForm(prefix="reverse"),
        pass_form=PassThroughForm(prefix="pass"),
        donor=resolve_donor(record.donor),
    )


@bp.post("/intakes/<int:intake_id>/reverse")
@coordinator_required
def reverse_intake(intake_id):
    record = db.get_or_404(Intake, intake_id)
    form = ReasonForm(prefix="reverse")
    if not form.validate_on_submit():
        flash(_("Give the reason for the correction."), "error")
    elif done := commit_service(
        lambda: services.reverse_intake(record, form.reason.data, by=current_user)
    ):
        flash(
            _(
                "Intake %(number)s has been reversed by %(reversal)s.",
                number=record.number,
                reversal=done.value.number,
            ),
            "success",
        )
        return redirect(url_for("drives.intake_detail", intake_id=done.value.id))
    return redirect(url_for("drives.intake_detail", intake_id=record.id))
