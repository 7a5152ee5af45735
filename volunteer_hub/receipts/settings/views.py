"""Receipt settings (admins) and batch issue as background jobs."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.auth.access import admin_required, coordinator_required
from volunteer_hub.drives.models import Drive
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.jobs import services as jobs
from volunteer_hub.jobs.models import Job
from volunteer_hub.numbering import NumberSeries, change_pattern, ensure_series
from volunteer_hub.receipts import batch, services, signing
from volunteer_hub.receipts.forms import SettingsForm, StatementForm
from volunteer_hub.receipts.models import SERIES
from volunteer_hub.receipts.views import bp

SETTING_FIELDS = ("auto_issue", "language", "page_size", "goods_services_note")


def _patterns() -> dict:
    found = {}
    for kind, (code, default) in SERIES.items():
        series = db.session.scalar(
            select(NumberSeries).where(NumberSeries.code == code)
        )
        found[kind] = series.pattern if series else default
    return found


@bp.route("/settings", methods=["GET", "POST"])
@admin_required
def settings():
    current = services.get_settings()
    patterns = _patterns()
    form = SettingsForm(
        obj=current,
        receipt_pattern=patterns["intake"],
        statement_pattern=patterns["statement"],
    )
    if form.validate_on_submit():
        try:
            _save_settings(current, form, patterns)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The receipt settings have been saved."), "success")
            return redirect(url_for("receipts.settings"))
    return render_template(
        "receipts/settings.html",
        form=form,
        signer=signing.certificate_subject(),
        signing=signing.enabled(),
    )


def _save_settings(current, form, patterns) -> None:
    before = snapshot(current, SETTING_FIELDS)
    for name in SETTING_FIELDS:
        setattr(current, name, getattr(form, name).data)
    old, new = changed_fields(before, snapshot(current, SETTING_FIELDS))
    if new:
        record("receipt.settings", current, before=old, after=new)
    for kind, field in (
        ("intake", "receipt_pattern"),
        ("statement", "statement_pattern"),
    ):
        wanted = getattr(form, field).data
        if wanted != patterns[kind]:
            code, default = SERIES[kind]
            ensure_series(code, default)
            try:
                change_pattern(code, wanted, default)
            except DomainError as error:
                raise DomainError(error.message, field) from None


@bp.get("/batches")
@coordinator_required
def batches():
    drives = db.session.scalars(select(Drive).order_by(Drive.id.desc()).limit(100))
    recent = db.session.scalars(
        select(Job).where(Job.kind.like("receipts.%")).order_by(Job.id.desc()).limit(20)
    )
    return render_template(
        "receipts/batches.html",
        drives=list(drives),
        jobs=list(recent),
        form=StatementForm(),
    )


def _start(kind: str, title: str, keys: list[str], params: dict):
    params = {**params, "base_url": services.public_base()}
    job = jobs.create_job(kind, title, keys, params=params, by=current_user)
    db.session.commit()
    jobs.dispatch(job)
    flash(_("The batch has started: %(count)d receipts.", count=len(keys)), "success")
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.post("/drives/<int:drive_id>/batch")
@coordinator_required
def drive_batch(drive_id):
    drive = db.get_or_404(Drive, drive_id)
    keys = batch.intake_keys(drive)
    if not keys:
        flash(_("Every accepted intake of this drive already has a receipt."), "info")
        return redirect(request.referrer or url_for("receipts.batches"))
    title = _("Receipts for the drive %(title)s", title=drive.title_zh)
    return _start(batch.INTAKES_JOB, title, keys, {"drive_id": drive.id})


@bp.post("/statements/batch")
@coordinator_required
def yearly_batch():
    form = StatementForm()
    if not form.validate_on_submit():
        flash(_("Enter a year between 2000 and 2100."), "error")
        return redirect(url_for("receipts.batches"))
    keys = batch.yearly_keys(form.year.data)
    if not keys:
        flash(_("No donor is waiting for a statement of that year."), "info")
        return redirect(url_for("receipts.batches"))
    title = _("Yearly statements %(year)d", year=form.year.data)
    return _start(batch.YEARLY_JOB, title, keys, {"year": form.year.data})
