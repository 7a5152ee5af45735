"""A job's progress page (with a JSON feed for the progress bar) and re-run."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.jobs import services
from volunteer_hub.jobs.blueprint import bp, job_or_404
from volunteer_hub.jobs.models import JOB_STATUS_LABELS
from volunteer_hub.web import commit_service


@bp.get("/<int:job_id>")
@coordinator_required
def detail(job_id):
    job = job_or_404(job_id)
    return render_template(
        "jobs/detail.html",
        job=job,
        status_labels=JOB_STATUS_LABELS,
        problems=services.job_items(job, "failed", 50),
        skipped=services.job_items(job, "skipped", 50),
        stale=services.stale(job),
        refresh=job.status in ("queued", "running") and not services.stale(job),
    )


@bp.get("/<int:job_id>.json")
@coordinator_required
def progress(job_id):
    job = job_or_404(job_id)
    return jsonify(
        status=job.status,
        label=str(JOB_STATUS_LABELS.get(job.status, job.status)),
        total=job.total,
        done=job.done,
        skipped=job.skipped,
        failed=job.failed,
        percent=job.percent,
    )


@bp.post("/<int:job_id>/retry")
@coordinator_required
def retry(job_id):
    job = job_or_404(job_id)
    back = redirect(url_for("jobs.detail", job_id=job.id))
    if not services.needs_rerun(job):
        flash(_("This job does not need to be run again."), "info")
        return back
    if commit_service(lambda: services.retry_job(job)):
        services.dispatch(job)
        flash(_("The job runs again; what was done stays done."), "success")
    return back
