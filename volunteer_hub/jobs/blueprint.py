"""The jobs blueprint and its loader."""

from __future__ import annotations

from flask import Blueprint

from volunteer_hub.extensions import db
from volunteer_hub.jobs.models import Job

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def job_or_404(job_id: int) -> Job:
    return db.get_or_404(Job, job_id)
