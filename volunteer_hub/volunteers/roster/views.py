"""The roster: the filtered list, its CSV export and CSV import with a preview."""

from __future__ import annotations

import base64
import binascii

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub import clock, spreadsheet
from volunteer_hub.auth.access import (
    admin_required,
    coordinator_required,
    staff_required,
)
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id
from volunteer_hub.pagination import MAX_PAGE, PER_PAGE
from volunteer_hub.volunteers.admin.kept import taxonomy
from volunteer_hub.volunteers.blueprint import bp
from volunteer_hub.volunteers.roster import queries, services
from volunteer_hub.volunteers.roster.export import export_rows
from volunteer_hub.volunteers.roster.forms import (
    ConfirmImportForm,
    ImportForm,
    RosterFilterForm,
    filter_words,
)
from volunteer_hub.volunteers.roster.rows import roster_rows
from volunteer_hub.web import commit_service


@bp.get("/volunteers/")
@staff_required
def index():
    specialties = taxonomy()
    locale = str(get_locale())
    form = RosterFilterForm(request.args)
    roster_filter = queries.RosterFilter.from_args(request.args)
    page_number = parse_id(request.args.get("page"), maximum=MAX_PAGE) or 1
    page = queries.roster_page(roster_filter, page_number, PER_PAGE)
    return render_template(
        "volunteers/index.html",
        form=form,
        words=filter_words(form, specialties, locale),
        page=page,
        rows=roster_rows(page.items, specialties, locale),
        detail_link=_link_around("volunteers.detail", "volunteer_id"),
        counts=page.status_counts,
        filtered=any(v for k, v in request.args.items() if k not in ("page", "lang")),
    )


_SENTINEL_ID = 2_147_483_647


def _link_around(endpoint: str, key: str) -> tuple[str, str]:
    """What comes before and after the id in ``endpoint``'s URL: one ``url_for``
    for a page's 50 links (each cost about as much as drawing its row)."""
    before, _, after = url_for(endpoint, **{key: _SENTINEL_ID}).rpartition(
        str(_SENTINEL_ID)
    )
    return before, after


@bp.get("/volunteers/export.csv")
@coordinator_required
def export():
    """The filtered list as CSV; ``full=1`` (admins only) shows phone and e-mail."""
    full = request.args.get("full") == "1" and current_user.has_role("admin")
    roster_filter = queries.RosterFilter.from_args(request.args)
    filters = {k: v for k, v in request.args.items() if k != "page"}
    commit_service(lambda: services.note_export(filters, full=full))
    # Rows are read before streaming starts: a generator would outlive the
    # request's database session.
    rows = list(export_rows(roster_filter, full=full))
    stamp = clock.now().strftime("%Y%m%d")
    response = Response(spreadsheet.csv_text(rows), mimetype=spreadsheet.CSV_MIMETYPE)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="volunteers-{stamp}.csv"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/volunteers/import", methods=["GET", "POST"])
@admin_required
def import_csv():
    """Read the file and show what would happen; nothing is kept yet."""
    form = ImportForm()
    if form.validate_on_submit():
        try:
            text = services.decode(form.file.data.read(services.MAX_IMPORT_BYTES + 1))
            report = services.import_roster(text, dry_run=True)
        except DomainError as error:
            attach_error(form, error)
        else:
            confirm = ConfirmImportForm(
                formdata=None, content=base64.b64encode(text.encode()).decode()
            )
            return render_template(
                "volunteers/import_preview.html", report=report, confirm=confirm
            )
        finally:
            db.session.rollback()  # a dry run: whatever it added goes
    return render_template("volunteers/import.html", form=form)


@bp.post("/volunteers/import/confirm")
@admin_required
def import_confirm():
    form = ConfirmImportForm()
    try:
        text = base64.b64decode(form.content.data or "", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        text = None
    done = text is not None and commit_service(
        lambda: services.import_roster(text, dry_run=False), form=form
    )
    if not done:
        flash(
            _("The file could not be read again. Please upload it once more."), "error"
        )
        return redirect(url_for("volunteers.import_csv"))
    report = done.value
    flash(
        _(
            "%(ok)d volunteers imported, %(bad)d rows rejected.",
            ok=len(report.accepted),
            bad=len(report.rejected),
        ),
        "success",
    )
    return render_template("volunteers/import_done.html", report=report)
