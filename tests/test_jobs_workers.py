"""The job backends as production runs them: the built-in local worker process
and RQ's ``flask jobs worker``, a long-lived process that runs job after job."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from volunteer_hub.extensions import db
from volunteer_hub.jobs import services as jobs
from volunteer_hub.jobs import worker
from volunteer_hub.jobs.models import Job, JobItem
from volunteer_hub.receipts import batch
from volunteer_hub.receipts.models import Receipt

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def five_intakes(make_donor_intake, make_donor):
    return [make_donor_intake(donor=make_donor(), water=n + 1) for n in range(5)]


def start(keys: list[str]) -> Job:
    job = jobs.create_job(
        batch.INTAKES_JOB, "test", keys, params={"base_url": "https://vh.example"}
    )
    db.session.commit()
    return job


def _wait_for(job_id: int, seconds: float = 90) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        job = db.session.get(Job, job_id)
        if job.status in ("done", "failed"):
            return job
        time.sleep(0.5)
    raise AssertionError("the job did not finish in time")


def _state(pid: int) -> str | None:
    """The process's state letter ("Z" for a zombie), None once it is reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return stat.rpartition(")")[2].split()[0]


def test_local_worker_process_runs_the_job_and_is_reaped(
    app, five_intakes, flood_drive
):
    app.config.update(JOBS_BACKEND="local", RECEIPT_RENDER_PROCESSES=0)
    job = start(batch.intake_keys(flood_drive))
    process = jobs.start_local_worker(job.id)
    finished = _wait_for(job.id)
    assert (finished.status, finished.done) == ("done", 5)
    assert sorted(db.session.scalars(select(Receipt.seq))) == [1, 2, 3, 4, 5]
    item = db.session.scalar(select(JobItem).limit(1))
    assert item.worker.endswith(str(process.pid))
    # Nobody here waits for the process: the application must, or every batch
    # leaves a zombie behind in the web server.
    deadline = time.monotonic() + 30
    while _state(process.pid) is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _state(process.pid) is None, "the finished worker was left a zombie"


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        # Like PostgreSQL: a missing server is an error in CI, never a silent skip.
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} does not answer; CI must test RQ.")
        pytest.skip(f"no Redis at {REDIS_URL} (start it to test the RQ backend)")
    return client


@pytest.fixture
def rq_queue(app):
    """RQ on Redis with a queue of the test's own; emptied afterwards."""
    from rq import Queue

    connection = _redis_or_skip()
    name = f"vh-test-{uuid.uuid4().hex[:8]}"
    app.config.update(
        JOBS_BACKEND="rq",
        REDIS_URL=REDIS_URL,
        JOBS_QUEUE=name,
        RECEIPT_RENDER_PROCESSES=0,
    )
    queue = Queue(name, connection=connection)
    yield queue
    queue.delete(delete_jobs=True)


def test_rq_backend_through_redis(app, rq_queue, five_intakes, flood_drive):
    from rq import SimpleWorker

    app.config["JOBS_PARTS"] = 2
    job = start(batch.intake_keys(flood_drive))
    jobs.dispatch(job)
    assert rq_queue.count == 2  # two parts: two workers may share the job
    SimpleWorker([rq_queue], connection=rq_queue.connection).work(burst=True)
    finished = _wait_for(job.id, 5)
    assert (finished.status, finished.done) == ("done", 5)
    assert db.session.scalar(select(func.count()).select_from(Receipt)) == 5


def test_rq_records_a_job_with_failed_items_as_failed(
    app, rq_queue, five_intakes, flood_drive, monkeypatch
):
    from rq import SimpleWorker

    def broken(snapshot, **kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(batch, "render_receipt", broken)
    job = start(batch.intake_keys(flood_drive)[:1])
    jobs.dispatch(job)
    rq_job = rq_queue.jobs[0]
    SimpleWorker([rq_queue], connection=rq_queue.connection).work(burst=True)
    assert rq_job.get_status(refresh=True) == "failed"
    assert "1 item(s) failed" in rq_job.latest_result().exc_string
    assert _wait_for(job.id, 5).status == "failed"


def test_worker_runs_each_job_with_a_fresh_session(
    app, receipt_org, five_intakes, flood_drive
):
    """Two jobs in one application context, as the worker command runs them."""
    from volunteer_hub.organisation.services import current_organisation

    app.config.update(RECEIPT_RENDER_PROCESSES=0)
    current_organisation()  # cached in this context's g, as a request would
    keys = batch.intake_keys(flood_drive)
    ids = [start(keys[:2]).id, start(keys[2:]).id]
    for job_id in ids:
        worker.run_job(job_id)
    finished = [_wait_for(job_id) for job_id in ids]
    assert [(job.done, job.failed) for job in finished] == [(2, 0), (3, 0)]


WORKER_APP = """
import json, os
from volunteer_hub import create_app
app = create_app(json.loads(os.environ["VH_TEST_CONFIG"]))
"""


@pytest.mark.slow
def test_flask_jobs_worker_runs_consecutive_batches(
    app, rq_queue, five_intakes, flood_drive, tmp_path
):
    """The real ``flask jobs worker`` process: the second batch in the same
    process must work like the first."""
    keys = batch.intake_keys(flood_drive)
    batches = [start(keys[:2]), start(keys[2:])]
    for job in batches:
        jobs.dispatch(job)
    (tmp_path / "worker_app.py").write_text(WORKER_APP)
    config = dict(
        jobs.worker_config(),
        **{
            k: app.config[k]
            for k in (
                "JOBS_BACKEND",
                "REDIS_URL",
                "JOBS_QUEUE",
                "RECEIPT_RENDER_PROCESSES",
            )
        },
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "worker_app", "jobs", "worker"]
        + ["--burst"],
        cwd=ROOT,
        env=dict(
            os.environ,
            PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}",
            VH_TEST_CONFIG=json.dumps(config),
        ),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for job, size in zip(batches, (2, 3), strict=True):
        finished = _wait_for(job.id, 5)
        assert (finished.status, finished.done, finished.failed) == ("done", size, 0)
    assert sorted(db.session.scalars(select(Receipt.seq))) == [1, 2, 3, 4, 5]
    assert "Traceback" not in result.stderr
