"""``flask jobs worker`` (an RQ worker) and ``flask jobs run ID``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from volunteer_hub.extensions import db
from volunteer_hub.jobs import services
from volunteer_hub.jobs.models import Job

jobs = AppGroup("jobs", help="Background jobs.")


@jobs.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst):
    """Work on jobs from Redis (needs REDIS_URL); run one per core or machine."""
    # Redis and RQ are needed only here and by the RQ backend.
    from redis import Redis
    from rq import Queue, SimpleWorker

    url = services.redis_url()
    if not url:
        raise click.ClickException(
            "REDIS_URL is not set: without Redis, jobs run in a local worker "
            "process started by the application itself."
        )
    connection = Redis.from_url(url)
    queue = Queue(services.queue_name(), connection=connection)
    click.echo(f"Working on queue {queue.name} at {url} ({current_app.name})")
    # SimpleWorker runs each job in this process, which keeps its application,
    # database pool, parsed styles and fonts between jobs.
    SimpleWorker([queue], connection=connection).work(burst=burst)


@jobs.command("run")
@click.argument("job_id", type=int)
def run(job_id):
    """Run (or re-run) a job here and now."""
    job = db.session.get(Job, job_id)
    if job is None:
        raise click.ClickException(f"no job {job_id}")
    if job.status in ("failed", "running"):
        services.retry_job(job)
        db.session.commit()
    services.run_job(job_id)
    job = db.session.get(Job, job_id)
    click.echo(
        f"job {job_id}: {job.status}, {job.done} done, {job.skipped} "
        f"skipped, {job.failed} failed of {job.total}"
    )
