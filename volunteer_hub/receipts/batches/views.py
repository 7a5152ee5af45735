"""Batch issue: every missing receipt of a drive, or every yearly statement."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.drives.models import Drive
from volunteer_hub.extensions import db
from volunteer_hub.jobs.models import Job
from volunteer_hub.jobs.services import dispatch
from volunteer_hub.receipts.batches.queries import recent_batches, recent_drives
from volunteer_hub.receipts.batches.services import (
    start_drive_batch,
    start_yearly_batch,
)
from volunteer_hub.receipts.blueprint import bp
from volunteer_hub.receipts.forms import StatementForm
from volunteer_hub.receipts.today import intakes_without_receipt, unreceipted_intakes
from volunteer_hub.web import commit_service

# Intakes without a receipt listed on the page (the rest are counted).
SHOWN = 50


@bp.get("/batches")
@coordinator_required
def batches():
    return render_template(
        "receipts/batches.html",
        drives=recent_drives(),
        waiting=unreceipted_intakes(limit=SHOWN),
        waiting_total=intakes_without_receipt(),
        jobs=recent_batches(),
        form=StatementForm(),
    )


def _started(job: Job):
    dispatch(job)
    flash(_("The batch has started: %(count)d receipts.", count=job.total), "success")
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.post("/drives/<int:drive_id>/batch")
@coordinator_required
def drive_batch(drive_id):
    drive = db.get_or_404(Drive, drive_id)
    job = commit_service(lambda: start_drive_batch(drive, by=current_user)).value
    if job is None:
        flash(_("Every accepted intake of this drive already has a receipt."), "info")
        return redirect(request.referrer or url_for("receipts.batches"))
    return _started(job)


@bp.post("/statements/batch")
@coordinator_required
def yearly_batch():
    form = StatementForm()
    if not form.validate_on_submit():
        flash(_("Enter a year between 2000 and 2100."), "error")
        return redirect(url_for("receipts.batches"))
    year = form.year.data
    job = commit_service(lambda: start_yearly_batch(year, by=current_user)).value
    if job is None:
        flash(_("No donor is waiting for a statement of that year."), "info")
        return redirect(url_for("receipts.batches"))
    return _started(job)
