"""CSV export of the filtered roster and CSV import with a dry-run preview."""

from __future__ import annotations

import base64
import binascii

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.auth.access import admin_required, coordinator_required
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.volunteers import csv_io
from volunteer_hub.volunteers.forms_staff import ConfirmImportForm, ImportForm
from volunteer_hub.volunteers.roster import RosterFilter
from volunteer_hub.volunteers.views import bp


@bp.get("/volunteers/export.csv")
@coordinator_required
def export():
    """The filtered list as CSV; ``full=1`` (admins only) shows phone and e-mail."""
    full = request.args.get("full") == "1"
    if full and not current_user.has_role("admin"):
        full = False
    roster_filter = RosterFilter.from_args(request.args)
    record(
        "volunteers.export_full" if full else "volunteers.export",
        None,
        entity_type="volunteers",
        entity_id="export",
        after={k: v for k, v in request.args.items() if k != "page"},
    )
    db.session.commit()
    # Rows are read before streaming starts: a generator would outlive the
    # request's database session.
    body = "".join(csv_io.to_csv(list(csv_io.export_rows(roster_filter, full=full))))
    stamp = clock.now().strftime("%Y%m%d")
    response = Response(body, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="volunteers-{stamp}.csv"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/volunteers/import", methods=["GET", "POST"])
@admin_required
def import_csv():
    form = ImportForm()
    if form.validate_on_submit():
        try:
            text = csv_io.decode(form.file.data.read(csv_io.MAX_IMPORT_BYTES + 1))
            report = csv_io.import_roster(text, dry_run=True)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.rollback()
            confirm = ConfirmImportForm(
                formdata=None, content=base64.b64encode(text.encode()).decode()
            )
            return render_template(
                "volunteers/import_preview.html", report=report, confirm=confirm
            )
    return render_template("volunteers/import.html", form=form)


@bp.post("/volunteers/import/confirm")
@admin_required
def import_confirm():
    form = ConfirmImportForm()
    try:
        text = base64.b64decode(form.content.data or "", validate=True).decode()
        report = csv_io.import_roster(text, dry_run=False)
    except (binascii.Error, UnicodeDecodeError, DomainError):
        db.session.rollback()
        flash(
            _("The file could not be read again. Please upload it once more."), "error"
        )
        return redirect(url_for("volunteers.import_csv"))
    db.session.commit()
    flash(
        _(
            "%(ok)d volunteers imported, %(bad)d rows rejected.",
            ok=len(report.accepted),
            bad=len(report.rejected),
        ),
        "success",
    )
    return render_template("volunteers/import_done.html", report=report)
