"""Staff pages for intake at the drop-off point: record, view, reverse, pass on."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives import (
    distributions,
    donors,
    intake,
    pledges,
    queries,
    services,
)
from volunteer_hub.drives.forms import (
    DONOR_ERROR_FIELDS,
    IntakeForm,
    IntakeLineForm,
    PassThroughForm,
    ReasonForm,
)
from volunteer_hub.drives.models import Drive, DriveItem, DropOffPoint, Pledge
from volunteer_hub.drives.models_stock import Intake, IntakeLine
from volunteer_hub.drives.views import bp, drive_or_404
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.pagination import paginate

DEFAULT_LINES, MAX_LINES = 3, 12
# DomainError field prefixes of intake lines → the line form's field name.
LINE_FIELDS = {
    "item": "item",
    "received": "quantity_received",
    "accepted": "quantity_accepted",
    "reason": "rejection_reason",
    "condition": "condition",
    "expiry": "expiry_date",
    "basis": "valuation_basis",
    "value": "valuation_amount",
    "other_name": "other_name",
    "other_unit": "other_unit",
}


def _with_lines(statement):
    """Load donors, lines and their items with the intakes (no query per row)."""
    return statement.options(
        joinedload(Intake.donor),
        selectinload(Intake.lines).joinedload(IntakeLine.item),
    )


def recent_intakes(drive: Drive, limit: int = 10) -> list[Intake]:
    return list(
        db.session.scalars(
            _with_lines(select(Intake))
            .where(Intake.drive_id == drive.id)
            .order_by(Intake.id.desc())
            .limit(limit)
        ).unique()
    )


def _line_count() -> int:
    raw = request.values.get("line_count", "")
    count = parse_id(raw, maximum=99) or DEFAULT_LINES
    return max(1, min(count, MAX_LINES))


def _item_choices(drive: Drive):
    locale = get_locale()
    items = [(str(i.id), f"{i.name(locale)} ({i.unit})") for i in drive.items]
    return [("", _("Choose…")), *items, ("other", _("Other item (not on the list)"))]


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


def _pledged(drive: Drive) -> list[dict]:
    """Outstanding lines of the pledge in ``?pledge=`` (empty if none or foreign)."""
    raw = request.values.get("pledge") or request.values.get("pledge_id", "")
    pledge_id = parse_id(raw)
    pledge = db.session.get(Pledge, pledge_id) if pledge_id else None
    if pledge is None or pledge.drive_id != drive.id or pledge.cancelled_at:
        return []
    return [r for r in pledges.pledge_lines_status(pledge) if r["outstanding"] > 0]


def _build_forms(drive: Drive, outstanding: list[dict], extra: int = 0):
    """The intake form and its line forms; ``extra`` more lines than before."""
    form = IntakeForm()
    form.point_id.choices = _point_choices(drive)
    form.pledge_id.choices = _pledge_choices(drive)
    count = max(_line_count(), min(len(outstanding), MAX_LINES))
    count = min(count + extra, MAX_LINES)
    lines = [IntakeLineForm(prefix=f"line-{n}") for n in range(count)]
    for line in lines:
        line.item.choices = _item_choices(drive)
    if request.method == "GET":
        form.pledge_id.data = request.args.get("pledge", "")
        form.counted_by_1.data = current_user.name
        # The pledge's items are filled in; the counted quantities never are.
        for line, row in zip(lines, outstanding, strict=False):
            line.item.data = str(row["item"].id)
    return form, lines


def _chosen(model, raw, drive: Drive, field: str):
    if not raw:
        return None
    obj_id = parse_id(raw)
    obj = db.session.get(model, obj_id) if obj_id else None
    if obj is None or obj.drive_id != drive.id:
        raise DomainError(_("Choose an entry of this drive."), field)
    return obj


def _line_values(drive: Drive, lines) -> list[dict]:
    values = []
    for n, line in enumerate(lines):
        data = line.data
        # A line without quantities is not part of this delivery (e.g. an item
        # of the pledge that did not come this time).
        if data["quantity_received"] is None and data["quantity_accepted"] is None:
            continue
        if data["item"] == "other":
            try:
                item = services.find_other_item(
                    drive, data["other_name"], data["other_unit"]
                )
            except DomainError as error:
                error.field = f"{error.field}_{n}"
                raise
        else:
            item = _chosen(DriveItem, data["item"], drive, f"item_{n}")
            if item is None:
                raise DomainError(_("Choose an item."), f"item_{n}")
        accepted = data["quantity_accepted"]
        values.append(
            {
                **data,
                "item": item,
                "quantity_accepted": data["quantity_received"]
                if accepted is None
                else accepted,
            }
        )
    return values


def _donor(form, pledge):
    if pledge is not None and not form.donor_name.data:
        return None
    if not (form.donor_name.data or form.donor_phone.data or form.donor_email.data):
        return None
    org = current_organisation()
    return donors.find_or_create_donor(
        name=form.donor_name.data,
        phone=form.donor_phone.data,
        email=form.donor_email.data,
        kind=form.donor_kind.data or "person",
        show_publicly=form.show_publicly.data,
        region=org.country if org else "CN",
    )


def _attach(form, lines, error: DomainError) -> None:
    prefix, _sep, index = (error.field or "").rpartition("_")
    if prefix in LINE_FIELDS and index.isdigit() and int(index) < len(lines):
        field = lines[int(index)][LINE_FIELDS[prefix]]
        field.errors = [*field.errors, error.message]
        form.form_errors.append(_("Please correct the marked fields."))
        return
    error.field = DONOR_ERROR_FIELDS.get(error.field, error.field)
    attach_error(form, error)


@bp.route("/<int:drive_id>/intake", methods=["GET", "POST"])
@coordinator_required
def new_intake(drive_id):
    drive = drive_or_404(drive_id)
    outstanding = _pledged(drive)
    # "More lines" posts the form back so that nothing typed is lost; it saves
    # nothing and shows no errors yet.
    adding = request.method == "POST" and "add_lines" in request.form
    form, lines = _build_forms(drive, outstanding, extra=2 if adding else 0)
    if (
        request.method == "POST"
        and not adding
        and form.validate()
        and all(ln.validate() for ln in lines)
    ):
        try:
            pledge = _chosen(Pledge, form.pledge_id.data, drive, "pledge_id")
            record = intake.record_intake(
                drive,
                _line_values(drive, lines),
                donor=_donor(form, pledge),
                pledge=pledge,
                point=_chosen(DropOffPoint, form.point_id.data, drive, "point_id"),
                counted_by_1=form.counted_by_1.data,
                counted_by_2=form.counted_by_2.data or "",
                note=form.note.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            _attach(form, lines, error)
        else:
            db.session.commit()
            flash(
                _("Intake %(number)s has been recorded.", number=record.number),
                "success",
            )
            return redirect(url_for("drives.intake_detail", intake_id=record.id))
    return render_template(
        "drives/new_intake.html",
        drive=drive,
        form=form,
        lines=lines,
        line_count=len(lines),
        max_lines=MAX_LINES,
        outstanding=outstanding,
    )


@bp.get("/<int:drive_id>/intakes")
@staff_required
def intakes(drive_id):
    drive = drive_or_404(drive_id)
    page = paginate(
        _with_lines(select(Intake))
        .where(Intake.drive_id == drive.id)
        .order_by(Intake.id.desc())
    )
    return render_template("drives/intakes.html", drive=drive, page=page)


@bp.get("/intakes/<int:intake_id>")
@staff_required
def intake_detail(intake_id):
    record = db.get_or_404(Intake, intake_id)
    drive = db.session.get(Drive, record.drive_id)
    original = (
        db.session.get(Intake, record.reverses_id) if record.reverses_id else None
    )
    return render_template(
        "drives/intake_detail.html",
        intake=record,
        drive=drive,
        original=original,
        reversal=queries.reversal_of(record),
        reverse_form=ReasonForm(prefix="reverse"),
        pass_form=PassThroughForm(prefix="pass"),
        donor=donors.resolve_donor(record.donor),
    )


@bp.post("/intakes/<int:intake_id>/reverse")
@coordinator_required
def reverse_intake(intake_id):
    record = db.get_or_404(Intake, intake_id)
    form = ReasonForm(prefix="reverse")
    if not form.validate_on_submit():
        flash(_("Give the reason for the correction."), "error")
        return redirect(url_for("drives.intake_detail", intake_id=record.id))
    try:
        reversal = intake.reverse_intake(record, form.reason.data)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("drives.intake_detail", intake_id=record.id))
    db.session.commit()
    flash(
        _(
            "Intake %(number)s has been reversed by %(reversal)s.",
            number=record.number,
            reversal=reversal.number,
        ),
        "success",
    )
    return redirect(url_for("drives.intake_detail", intake_id=reversal.id))


@bp.post("/intakes/<int:intake_id>/pass-through")
@coordinator_required
def pass_through(intake_id):
    record = db.get_or_404(Intake, intake_id)
    form = PassThroughForm(prefix="pass")
    if not form.validate_on_submit():
        flash(_("Fill in who received the goods and who handed them over."), "error")
        return redirect(url_for("drives.intake_detail", intake_id=record.id))
    try:
        given = distributions.pass_through(
            record,
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
        flash(error.message, "error")
        return redirect(url_for("drives.intake_detail", intake_id=record.id))
    db.session.commit()
    flash(
        _("Distribution %(number)s has been recorded.", number=given.number), "success"
    )
    return redirect(url_for("drives.distribution_detail", distribution_id=given.id))
