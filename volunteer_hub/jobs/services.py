"""Creating, dispatching and running background jobs.

Backends (``JOBS_BACKEND``, else chosen by ``REDIS_URL``):

- ``rq``: with ``REDIS_URL`` set, the job goes to an RQ queue; ``make worker``
  (``flask jobs worker``) runs a worker, on as many machines as wanted.
- ``local``: the embedded default; a local worker process is started for the
  job, so ``make run`` needs nothing else.
- ``inline``: runs at once in the calling process (tests, command line).

Whatever the backend, the state lives in the database: workers claim pending
items and mark each one done in the transaction that did its work.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import traceback
from importlib import import_module
from pathlib import Path

from flask import current_app
from sqlalchemy import func, insert, select, update

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.extensions import db
from volunteer_hub.jobs.models import Job, JobItem

logger = logging.getLogger(__name__)
QUEUE_NAME = "volunteer-hub"
# kind → "module:factory"; the factory gets the job and returns a handler with
# ``start(items, after)``, which begins a chunk's work and writes nothing
# (``after`` is the chunk started before it and not yet finished, or None),
# ``finish(started)``, which does the rest in the caller's transaction and sets
# each item's status, and ``close()``.
HANDLERS: dict[str, str] = {}
# Settings a local worker process needs from its parent.
WORKER_CONFIG_KEYS = (
    "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY",
    "PUBLIC_BASE_URL",
    "RECEIPT_SIGNING_KEY",
    "RECEIPT_SIGNING_CERT",
    "RECEIPT_SIGNING_PASSPHRASE",
    "RECEIPT_RENDER_PROCESSES",
    "JOBS_CHUNK",
    "BABEL_DEFAULT_TIMEZONE",
    "MAIL_SERVER",
    "MAIL_SENDER",
)


def register_handler(kind: str, path: str) -> None:
    HANDLERS[kind] = path


def redis_url() -> str | None:
    return current_app.config.get("REDIS_URL") or os.environ.get("REDIS_URL")


def queue_name() -> str:
    return current_app.config.get("JOBS_QUEUE", QUEUE_NAME)


def backend_name() -> str:
    chosen = current_app.config.get("JOBS_BACKEND")
    if chosen:
        return chosen
    return "rq" if redis_url() else "local"


def create_job(kind: str, title: str, keys: list[str], *, params=None, by=None) -> Job:
    """A job of ``kind`` with one item per key; the caller commits, then
    calls :func:`dispatch`."""
    if kind not in HANDLERS:
        raise ValueError(f"no handler for job kind {kind!r}")
    job = Job(
        kind=kind,
        title=title[:300],
        params=params or {},
        total=len(keys),
        backend=backend_name(),
        created_by_id=getattr(by, "id", None),
    )
    db.session.add(job)
    db.session.flush()
    if keys:
        db.session.execute(
            insert(JobItem), [{"job_id": job.id, "key": key} for key in keys]
        )
    record("job.create", job, after={"kind": kind, "total": len(keys)})
    return job


def dispatch(job: Job) -> None:
    """Hand a committed job to its backend."""
    backend = job.backend or backend_name()
    if backend == "inline":
        run_job(job.id)
    elif backend == "rq":
        _enqueue_rq(job.id)
    else:
        start_local_worker(job.id)


def _enqueue_rq(job_id: int) -> None:
    from redis import Redis
    from rq import Queue

    queue = Queue(queue_name(), connection=Redis.from_url(redis_url()))
    for _part in range(int(current_app.config.get("JOBS_PARTS", 1))):
        queue.enqueue("volunteer_hub.jobs.worker.run_job", job_id, job_timeout=6 * 3600)


def worker_config() -> dict:
    config = {
        k: current_app.config[k]
        for k in WORKER_CONFIG_KEYS
        if current_app.config.get(k) is not None
    }
    config["INSTANCE_PATH"] = current_app.instance_path
    config["JOBS_BACKEND"] = "inline"
    return config


def start_local_worker(job_id: int) -> subprocess.Popen:
    """Start ``python -m volunteer_hub.jobs.worker JOB`` beside this process."""
    log = Path(current_app.instance_path) / "jobs.log"
    env = dict(os.environ, VH_JOB_CONFIG=json.dumps(worker_config()))
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "volunteer_hub.jobs.worker", str(job_id)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=str(Path(__file__).resolve().parents[2]),
        )
    # Someone must wait for the process when it ends, or it stays a zombie in
    # the web server's process table, one per batch.
    threading.Thread(target=process.wait, name=f"job-{job_id}", daemon=True).start()
    return process


def _claim(job_id: int, worker: str, n: int) -> list[JobItem]:
    """Mark up to ``n`` pending items of the job as ours, committed at once."""
    pick = (
        select(JobItem.id)
        .where(JobItem.job_id == job_id, JobItem.status == "pending")
        .order_by(JobItem.id)
        .limit(n)
    )
    if db.session.get_bind().dialect.name == "postgresql":
        # Picked once, as a materialized CTE: as a plain IN (subquery) the
        # planner may scan the subquery again, and each scan skips what is
        # locked by others, not what it took itself, so LIMIT did not hold
        # (one worker took every item of a job in one chunk).
        pick = pick.with_for_update(skip_locked=True)
        picked = pick.cte("picked").prefix_with("MATERIALIZED")
    else:
        picked = pick.cte("picked")
    ids = db.session.scalars(
        update(JobItem)
        .where(JobItem.id.in_(select(picked.c.id)), JobItem.status == "pending")
        .values(status="running", worker=worker, updated_at=clock.now())
        .returning(JobItem.id)
    ).all()
    db.session.commit()
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(JobItem).where(JobItem.id.in_(ids)).order_by(JobItem.id)
        )
    )


def refresh_counts(job_id: int) -> None:
    counts = dict(
        db.session.execute(
            select(JobItem.status, func.count())
            .where(JobItem.job_id == job_id)
            .group_by(JobItem.status)
        ).all()
    )
    db.session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(
            done=counts.get("done", 0),
            skipped=counts.get("skipped", 0),
            failed=counts.get("failed", 0),
        )
    )


def _start(job_id: int) -> Job | None:
    job = db.session.get(Job, job_id)
    if job is None or job.status == "done":
        return None
    job.status, job.runs = "running", job.runs + 1
    job.started_at = job.started_at or clock.now()
    db.session.commit()
    return job


def _begin(handler, items: list[JobItem], after=None):
    """Start a chunk; the error instead, if starting it failed (the chunk is
    then finished item by item, as when finishing fails)."""
    if isinstance(after, Exception):
        after = None
    try:
        return handler.start(items, after)
    except Exception as error:  # noqa: BLE001 - raised again in _process
        db.session.rollback()
        return error


def _process(handler, items: list[JobItem], started) -> None:
    """Finish a started chunk in one transaction; if it fails, each item on
    its own."""
    try:
        if isinstance(started, Exception):
            raise started
        handler.finish(started)
        refresh_counts(items[0].job_id)
        db.session.commit()
        return
    except Exception:  # noqa: BLE001 - isolate the item that failed
        db.session.rollback()
        if len(items) == 1:
            _fail(items[0])
            return
    for item in items:
        item = db.session.get(JobItem, item.id)
        _process(handler, [item], _begin(handler, [item]))


def _fail(item: JobItem) -> None:
    logger.exception("job item %s failed", item.key)
    item = db.session.get(JobItem, item.id)
    item.status = "failed"
    item.message = traceback.format_exc(limit=2)[-500:]
    refresh_counts(item.job_id)
    db.session.commit()


def _finish(job_id: int) -> None:
    db.session.expire_all()
    running = db.session.scalar(
        select(func.count()).where(
            JobItem.job_id == job_id, JobItem.status.in_(("pending", "running"))
        )
    )
    if running:
        return  # another worker is still busy; it finishes the job
    refresh_counts(job_id)
    job = db.session.get(Job, job_id)
    db.session.refresh(job)
    job.status = "failed" if job.failed else "done"
    job.finished_at = clock.now()
    db.session.commit()


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def failed_count(job_id: int, worker: str) -> int:
    """How many of the job's items failed in ``worker``'s hands."""
    return db.session.scalar(
        select(func.count()).where(
            JobItem.job_id == job_id,
            JobItem.worker == worker,
            JobItem.status == "failed",
        )
    )


def run_job(job_id: int, worker: str | None = None) -> None:
    """Work on a job until no pending item is left (safe to run in parallel)."""
    worker = worker or worker_name()
    job = _start(job_id)
    if job is None:
        return
    module, _, name = HANDLERS[job.kind].partition(":")
    handler = getattr(import_module(module), name)(job)
    chunk = int(current_app.config.get("JOBS_CHUNK", 20))
    try:
        # Each chunk is started before the one in front of it is finished: a
        # batch of receipts keeps its render processes busy while the runner
        # writes the chunk before to the database. Committed objects are only
        # weakly held by the session, so memory stays flat however long the
        # job is.
        front_items, front = [], None
        while True:
            items = _claim(job_id, worker, chunk)
            started = _begin(handler, items, front) if items else None
            if front_items:
                _process(handler, front_items, front)
            if not items:
                break
            front_items, front = items, started
    finally:
        handler.close()
    _finish(job_id)


def retry_job(job: Job) -> None:
    """Put what failed or was left unfinished back to pending; the caller
    commits and dispatches. Done items stay done, so nothing is done twice."""
    db.session.execute(
        update(JobItem)
        .where(JobItem.job_id == job.id, JobItem.status.in_(("failed", "running")))
        .values(status="pending", message="", worker="")
    )
    job.status, job.last_error, job.finished_at = "queued", "", None
    refresh_counts(job.id)
    record("job.retry", job, after={"runs": job.runs})


def needs_rerun(job: Job) -> bool:
    """Whether a re-run would do anything: the job stopped with failures, or
    it is running but its worker died."""
    if job.status in ("queued", "done"):
        return False
    return job.status != "running" or stale(job)


def stale(job: Job, minutes: int = 15) -> bool:
    """A running job whose items have not moved for a while (a worker died)."""
    last = db.session.scalar(
        select(func.max(JobItem.updated_at)).where(JobItem.job_id == job.id)
    )
    moment = last or job.started_at or job.created_at
    return job.status == "running" and (clock.now() - moment).total_seconds() > (
        minutes * 60
    )


def job_items(job: Job, status: str | None = None, limit: int = 200):
    statement = select(JobItem).where(JobItem.job_id == job.id)
    if status:
        statement = statement.where(JobItem.status == status)
    return list(db.session.scalars(statement.order_by(JobItem.id).limit(limit)))
