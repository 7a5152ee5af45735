"""A batch chunk draws its receipts without holding the numbering series, then
takes the numbers and stores the receipts in one short savepoint."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from tests.fixtures.pdf import pdf_text
from volunteer_hub.extensions import db
from volunteer_hub.jobs import services as jobs
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
    job = jobs.create_job(
        batch.INTAKES_JOB,
        "test",
        [f"intake:{intake.id}" for intake in intakes],
        params={"base_url": "https://vh.example"},
    )
    db.session.commit()
    jobs.dispatch(job)
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
