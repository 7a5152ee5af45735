"""A batch chunk draws its receipts without holding the numbering series, then
takes the numbers and stores the receipts in one short savepoint."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from tests.fixtures.pdf import pdf_text
from volunteer_hub.extensions import db
from volunteer_hub.jobs import services as jobs
from volunteer_hub.jobs.models import Job, JobItem
from volunteer_hub.numbering import (
    allocate_number,
    change_pattern,
    foresee_numbers,
)
from volunteer_hub.receipts import batch
from volunteer_hub.receipts.models import Receipt
from volunteer_hub.receipts.render import embedded_snapshot

AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def take_a_number_elsewhere() -> None:
    """What another server issuing a receipt does to the series, on a
    connection of its own that gives up at once if the series is locked."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA busy_timeout = 200")
        else:
            connection.exec_driver_sql("SET lock_timeout = '200ms'")
        connection.execute(
            text(
                "UPDATE number_series SET next_number = next_number + 1"
                " WHERE code = 'receipt'"
            )
        )
        connection.commit()


@pytest.mark.parametrize("pattern", ["KF-{year}-{seq:06}", "R{seq:04}", "{year}/{seq}"])
def test_foreseen_numbers_are_the_ones_allocated(app, pattern):
    assert foresee_numbers("test", pattern, 3, at=AT) == [
        allocate_number("test", pattern, at=AT) for _ in range(3)
    ]
    assert foresee_numbers("test", pattern, 2, at=AT) == [
        allocate_number("test", pattern, at=AT) for _ in range(2)
    ]
    next_year = AT.replace(year=2027)
    assert foresee_numbers("test", pattern, 1, at=next_year) == [
        allocate_number("test", pattern, at=next_year)
    ]
    change_pattern("test", "N-{seq:03}", pattern)
    assert foresee_numbers("test", pattern, 1, at=next_year) == [
        allocate_number("test", pattern, at=next_year)
    ]
    db.session.rollback()


def intakes_job(intakes) -> Job:
    """A committed batch job that issues a receipt for each of ``intakes``."""
    job = jobs.create_job(
        batch.INTAKES_JOB,
        "test",
        [f"intake:{intake.id}" for intake in intakes],
        params={"base_url": "https://vh.example"},
    )
    db.session.commit()
    return job


def test_the_series_is_free_while_a_chunk_is_drawn(
    inline_jobs, make_receipt, make_donor_intake, flood_drive, monkeypatch
):
    make_receipt()  # number 1, and the series row
    intakes = [make_donor_intake(water=n + 1) for n in range(3)]
    original, drawn = batch.render_receipt, []

    def render_while_another_server_issues(snapshot, **options):
        if not drawn:
            # Fails with "database is locked" / a lock timeout if the chunk
            # held the series while drawing.
            take_a_number_elsewhere()
        drawn.append(snapshot["number"])
        return original(snapshot, **options)

    monkeypatch.setattr(batch, "render_receipt", render_while_another_server_issues)
    jobs.dispatch(intakes_job(intakes))
    db.session.expire_all()
    issued = list(
        db.session.scalars(select(Receipt).where(Receipt.seq > 1).order_by(Receipt.seq))
    )
    # Number 2 went elsewhere while the first receipt was drawn with it; the
    # others foresaw 4 and 5 by then. Only the first was drawn again, with 3.
    assert [r.seq for r in issued] == [3, 4, 5]
    assert [int(number.rsplit("-", 1)[1]) for number in drawn] == [2, 4, 5, 3]
    for receipt in issued:
        assert receipt.number in pdf_text(receipt.pdf)
        assert embedded_snapshot(receipt.pdf)["number"] == receipt.number


@pytest.fixture
def chunks_of_two(inline_jobs, make_donor_intake):
    """Five intakes, and a job that issues their receipts in chunks of two."""
    inline_jobs.config["JOBS_CHUNK"] = 2
    intakes = [make_donor_intake(water=n + 1) for n in range(5)]
    return intakes_job(intakes), intakes


def _watch(monkeypatch, events: list, fail_number=None) -> None:
    """Note each drawing ("draw", seq of the number drawn) and each chunk
    stored ("store", how many receipts)."""
    draw, issue = batch.render_receipt, batch.ChunkIssue.issue

    def drawing(snapshot, **options):
        seq = int(snapshot["number"].rsplit("-", 1)[1])
        events.append(("draw", seq))
        if snapshot["intakes"][0]["number"] == fail_number:
            raise RuntimeError("printer on fire")
        return draw(snapshot, **options)

    def storing(chunk):
        receipts = issue(chunk)
        events.append(("store", len(receipts)))
        return receipts

    monkeypatch.setattr(batch, "render_receipt", drawing)
    monkeypatch.setattr(batch.ChunkIssue, "issue", storing)


def _issued() -> list[Receipt]:
    db.session.expire_all()
    return list(db.session.scalars(select(Receipt).order_by(Receipt.seq)))


def test_the_next_chunk_is_drawn_before_the_one_in_front_is_stored(
    chunks_of_two, monkeypatch
):
    job, intakes = chunks_of_two
    events = []
    _watch(monkeypatch, events)
    jobs.dispatch(job)
    # Chunk 2 (numbers 3 and 4) is drawn before chunk 1 is stored, with the
    # numbers that follow chunk 1's: no receipt is drawn twice.
    assert events == [
        ("draw", 1),
        ("draw", 2),
        ("draw", 3),
        ("draw", 4),
        ("store", 2),
        ("draw", 5),
        ("store", 2),
        ("store", 1),
    ]
    issued = _issued()
    assert [r.seq for r in issued] == [1, 2, 3, 4, 5]
    assert [r.intake_id for r in issued] == [i.id for i in intakes]
    for receipt in issued:
        assert receipt.number in pdf_text(receipt.pdf)
    job = db.session.get(Job, job.id)
    assert (job.status, job.done, job.failed) == ("done", 5, 0)


def test_a_chunk_in_front_that_fails_leaves_no_gap_behind_it(
    chunks_of_two, monkeypatch
):
    job, intakes = chunks_of_two
    events = []
    _watch(monkeypatch, events, fail_number=intakes[1].number)
    jobs.dispatch(job)
    issued = _issued()
    # Chunk 1 failed on its second receipt and was issued item by item:
    # the first got number 1, the second none. Chunk 2 had foreseen 3 and 4
    # and is drawn again with 2 and 3.
    assert [r.seq for r in issued] == [1, 2, 3, 4]
    assert [r.intake_id for r in issued] == [i.id for i in intakes if i != intakes[1]]
    for receipt in issued:
        assert receipt.number in pdf_text(receipt.pdf)
        assert embedded_snapshot(receipt.pdf)["number"] == receipt.number
    assert events[:4] == [("draw", 1), ("draw", 2), ("draw", 3), ("draw", 4)]
    job = db.session.get(Job, job.id)
    assert (job.status, job.done, job.failed) == ("failed", 4, 1)
    failed = db.session.scalar(select(JobItem).where(JobItem.status == "failed"))
    assert failed.key == f"intake:{intakes[1].id}" and "printer" in failed.message


def test_an_item_that_cannot_be_started_fails_alone(chunks_of_two, monkeypatch):
    job, intakes = chunks_of_two
    broken = f"intake:{intakes[2].id}"
    draft = batch.IntakeReceipts.draft

    def draft_or_break(handler, key):
        if key == broken:
            raise RuntimeError("snapshot broken")
        return draft(handler, key)

    monkeypatch.setattr(batch.IntakeReceipts, "draft", draft_or_break)
    jobs.dispatch(job)
    issued = _issued()
    assert [r.seq for r in issued] == [1, 2, 3, 4]
    assert broken not in {r.source_key for r in issued}
    job = db.session.get(Job, job.id)
    assert (job.status, job.done, job.failed) == ("failed", 4, 1)
    failed = db.session.scalar(select(JobItem).where(JobItem.status == "failed"))
    assert failed.key == broken and "snapshot broken" in failed.message
