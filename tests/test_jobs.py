"""Background jobs: batches of receipts, progress and re-runs (the backends:
test_jobs_workers.py)."""

import os

import pytest
from sqlalchemy import func, select

from tests.fixtures.pdf import pdf_text
from volunteer_hub.extensions import db
from volunteer_hub.jobs import services as jobs
from volunteer_hub.jobs.models import Job, JobItem
from volunteer_hub.receipts import batch
from volunteer_hub.receipts.models import Receipt


def receipts_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Receipt))


@pytest.fixture
def five_intakes(make_donor_intake, make_donor):
    return [make_donor_intake(donor=make_donor(), water=n + 1) for n in range(5)]


def start(flood_drive, by=None) -> Job:
    job = jobs.create_job(
        batch.INTAKES_JOB,
        "test",
        batch.intake_keys(flood_drive),
        by=by,
        params={"base_url": "https://vh.example"},
    )
    db.session.commit()
    return job


def test_a_drive_batch_issues_each_receipt_once(
    inline_jobs, five_intakes, flood_drive, make_user
):
    job = start(flood_drive, by=make_user(name="周敏"))
    jobs.dispatch(job)
    job = db.session.get(Job, job.id)
    db.session.refresh(job)
    assert (job.status, job.total, job.done, job.failed) == ("done", 5, 5, 0)
    numbers = sorted(db.session.scalars(select(Receipt.seq)))
    assert numbers == [1, 2, 3, 4, 5]
    receipt = db.session.scalar(select(Receipt).limit(1))
    assert "https://vh.example/receipts/verify/" in receipt.snapshot_json
    assert batch.intake_keys(flood_drive) == []  # nothing left to issue
    jobs.retry_job(job)
    db.session.commit()
    jobs.dispatch(job)
    assert receipts_count() == 5


def test_a_job_that_fails_half_way_is_rerun_without_double_issue(
    inline_jobs, five_intakes, flood_drive, monkeypatch
):
    from volunteer_hub.receipts import render

    broken = five_intakes[2].number
    original = render.render_receipt

    def flaky(snapshot, **kwargs):
        if snapshot["intakes"][0]["number"] == broken:
            raise RuntimeError("printer on fire")
        return original(snapshot, **kwargs)

    monkeypatch.setattr(batch, "render_receipt", flaky)
    job = start(flood_drive)
    jobs.dispatch(job)
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert (job.status, job.done, job.failed) == ("failed", 4, 1)
    assert receipts_count() == 4
    seqs = sorted(db.session.scalars(select(Receipt.seq)))
    assert seqs == [1, 2, 3, 4]  # the failed chunk gave its numbers back
    failed = db.session.scalar(select(JobItem).where(JobItem.status == "failed"))
    assert failed.key == f"intake:{five_intakes[2].id}" and "printer" in failed.message

    monkeypatch.setattr(batch, "render_receipt", original)
    jobs.retry_job(job)
    db.session.commit()
    jobs.dispatch(job)
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert (job.status, job.done, job.failed, job.runs) == ("done", 5, 0, 2)
    assert sorted(db.session.scalars(select(Receipt.seq))) == [1, 2, 3, 4, 5]
    sources = list(db.session.scalars(select(Receipt.source_key)))
    assert len(sources) == len(set(sources)) == 5


def test_items_already_issued_are_skipped(
    inline_jobs, five_intakes, flood_drive, make_receipt
):
    job = start(flood_drive)
    make_receipt(five_intakes[0])  # issued by hand after the job was made
    jobs.dispatch(job)
    job = db.session.get(Job, job.id)
    db.session.refresh(job)
    assert (job.done, job.skipped) == (4, 1) and receipts_count() == 5


def test_batch_renders_in_a_pool_of_processes(
    inline_jobs, five_intakes, flood_drive, monkeypatch
):
    inline_jobs.config["RECEIPT_RENDER_PROCESSES"] = 2
    mapped, workers = [], set()
    open_pool = batch.open_pool

    class Watched:
        """The real pool, noting what it is given and which processes it has."""

        def __init__(self, pool):
            self.pool = pool

        def apply_async(self, function, args):
            mapped.extend(args)
            workers.update(process.pid for process in self.pool._pool)
            return self.pool.apply_async(function, args)

        def close(self):
            self.pool.close()

        def join(self):
            self.pool.join()

    monkeypatch.setattr(batch, "open_pool", lambda n: Watched(open_pool(n)))
    job = start(flood_drive)
    jobs.dispatch(job)
    assert receipts_count() == 5
    # All five went to the pool, whose two processes are not this one.
    assert len(mapped) == 5
    assert len(workers) == 2 and os.getpid() not in workers
    for receipt in db.session.scalars(select(Receipt)):
        assert receipt.pdf.startswith(b"%PDF-")
        assert receipt.number in pdf_text(receipt.pdf)


def test_yearly_statements_batch_from_the_page(
    inline_jobs, coordinator_client, make_donor_intake, make_donor, clock_year
):
    for name in ("甲", "乙"):
        donor = make_donor(name=name)
        make_donor_intake(donor=donor)
        make_donor_intake(donor=donor, water=3)
    response = coordinator_client.post(
        "/receipts/statements/batch", data={"year": clock_year}
    )
    assert response.status_code == 302 and "/jobs/" in response.location
    kinds = list(db.session.scalars(select(Receipt.kind)))
    assert kinds == ["statement", "statement"]
    for lang, word in (("zh", "已完成"), ("en", "Finished")):
        page = coordinator_client.get(response.location + f"?lang={lang}")
        assert word in page.get_data(as_text=True)
    data = coordinator_client.get(response.location + ".json").get_json()
    assert (data["status"], data["done"], data["percent"]) == ("done", 2, 100)


def test_drive_batch_page_and_roles(
    inline_jobs, coordinator_client, viewer_client, five_intakes, flood_drive
):
    assert (
        viewer_client.post(f"/receipts/drives/{flood_drive.id}/batch").status_code
        == 403
    )
    page = coordinator_client.get("/receipts/batches?lang=en").get_data(as_text=True)
    assert flood_drive.title_zh in page or flood_drive.title_en in page
    response = coordinator_client.post(f"/receipts/drives/{flood_drive.id}/batch")
    assert response.status_code == 302 and receipts_count() == 5
    again = coordinator_client.post(f"/receipts/drives/{flood_drive.id}/batch")
    assert again.status_code == 302 and receipts_count() == 5
    assert coordinator_client.post("/receipts/drives/9999/batch").status_code == 404
    assert viewer_client.get("/jobs/1").status_code == 403


def test_a_worker_claims_one_chunk_at_a_time(five_intakes, flood_drive):
    """Each claim takes at most a chunk of pending items, none taken before
    (on PostgreSQL the claim's LIMIT did not hold: one worker took them all)."""
    job = start(flood_drive)
    claims = [jobs._claim(job.id, worker, 2) for worker in ("a", "b", "a", "b")]
    assert [len(items) for items in claims] == [2, 2, 1, 0]
    keys = [item.key for items in claims for item in items]
    assert keys == sorted(set(keys), key=keys.index) and len(keys) == 5
    rows = db.session.execute(
        select(JobItem.worker, func.count())
        .where(JobItem.job_id == job.id, JobItem.status == "running")
        .group_by(JobItem.worker)
        .order_by(JobItem.worker)
    ).all()
    assert rows == [("a", 3), ("b", 2)]
