"""Worker entry points.

- RQ calls :func:`run_job` inside ``flask jobs worker`` (an app context is pushed).
- The embedded backend runs ``python -m volunteer_hub.jobs.worker JOB_ID`` with the
  parent's settings in ``VH_JOB_CONFIG``.
"""

from __future__ import annotations

import json
import os
import sys

from flask import has_app_context


def run_job(job_id: int) -> None:
    """Run one job in the current application (RQ's entry point)."""
    from volunteer_hub.extensions import db
    from volunteer_hub.jobs import services

    if not has_app_context():
        from volunteer_hub import create_app

        with create_app().app_context():
            return run_job(job_id)
    try:
        services.run_job(int(job_id))
    finally:
        db.session.remove()
    return None


def main(argv: list[str]) -> int:
    from volunteer_hub import create_app
    from volunteer_hub.extensions import db
    from volunteer_hub.jobs import services

    config = json.loads(os.environ.get("VH_JOB_CONFIG") or "null")
    app = create_app(config)
    with app.app_context():
        for job_id in argv:
            services.run_job(int(job_id))
        db.session.remove()
        db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
