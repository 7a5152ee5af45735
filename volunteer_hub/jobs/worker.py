"""Worker entry points.

- RQ calls :func:`run_job` inside ``flask jobs worker``, one process for many jobs.
- The embedded backend runs ``python -m volunteer_hub.jobs.worker JOB_ID`` with the
  parent's settings in ``VH_JOB_CONFIG``.

Each job runs in an application context of its own: a fresh ``g`` and database
session, so nothing loaded by one job (the organisation cached in ``g``) is used
by the next after its session was closed.
"""

from __future__ import annotations

import json
import os
import sys

from flask import Flask, current_app, has_app_context

from volunteer_hub import create_app
from volunteer_hub.extensions import db
from volunteer_hub.jobs import services

_app: Flask | None = None


class JobFailed(Exception):
    """Some items of the job failed: raised so that RQ records the job as failed."""


def _application() -> Flask:
    global _app
    if has_app_context():
        return current_app._get_current_object()
    if _app is None:
        _app = create_app()
    return _app


def run_in_own_context(app: Flask, job_id: int) -> int:
    """Run the job in a new application context; the number of items that
    failed in this run."""
    with app.app_context():
        try:
            worker = services.worker_name()
            services.run_job(job_id, worker)
            return services.failed_count(job_id, worker)
        finally:
            db.session.remove()


def run_job(job_id: int) -> None:
    """RQ's entry point; raises :class:`JobFailed` when an item failed."""
    failed = run_in_own_context(_application(), int(job_id))
    if failed:
        raise JobFailed(f"job {job_id}: {failed} item(s) failed, see its page")


def main(argv: list[str]) -> int:
    config = json.loads(os.environ.get("VH_JOB_CONFIG") or "null")
    app = create_app(config)
    failed = sum(run_in_own_context(app, int(job_id)) for job_id in argv)
    with app.app_context():
        db.engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
