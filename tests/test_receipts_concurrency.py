"""Fifty receipts issued at once from several processes: consecutive numbers.

Each process is a separate Python interpreter with its own application and
database connection, as several gunicorn workers or servers would be. The test
runs on whichever database the suite uses (SQLite, or PostgreSQL with
``TEST_DATABASE_URL``).
"""

import multiprocessing
import queue
import time

from sqlalchemy import select

from volunteer_hub.extensions import db
from volunteer_hub.numbering import NumberSeries
from volunteer_hub.receipts.models import Receipt

PROCESSES = 5
PER_PROCESS = 10


def issue_in_a_process(database_url: str, instance: str, intake_ids, start, out):
    """Child process: wait for the start signal, then issue one receipt each."""
    from volunteer_hub import create_app
    from volunteer_hub.drives.models_stock import Intake
    from volunteer_hub.extensions import db
    from volunteer_hub.receipts import services

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "concurrency",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": instance,
            "SQLITE_BUSY_TIMEOUT_MS": 120_000,
        }
    )

    # The real renderer takes ~0.3 s per receipt, all of it inside the lock, so
    # fifty would cost the suite minutes; a stand-in that holds the lock for a
    # while keeps the processes contending just as hard.
    def quick_render(snapshot, **_options):
        time.sleep(0.02)
        return f"%PDF-1.7 {snapshot['number']}".encode()

    services.render_receipt = quick_render
    numbers = []
    with app.app_context():
        services.get_settings()
        db.session.commit()
        start.wait(60)
        for intake_id in intake_ids:
            receipt = services.issue_intake_receipt(db.session.get(Intake, intake_id))
            db.session.commit()
            numbers.append((receipt.seq, receipt.number))
        db.session.remove()
        db.engine.dispose()
    out.put(numbers)


def test_fifty_receipts_from_five_processes(
    app, database_url, tmp_path, make_donor_intake, make_donor
):
    donor = make_donor(name="并发测试")
    intakes = [make_donor_intake(donor=donor, water=1) for _ in range(50)]
    db.session.commit()
    ids = [intake.id for intake in intakes]
    context = multiprocessing.get_context("spawn")
    start, out = context.Event(), context.Queue()
    processes = [
        context.Process(
            target=issue_in_a_process,
            args=(database_url, str(tmp_path / f"p{n}"), ids[n::PROCESSES], start, out),
        )
        for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    start.set()
    results = []
    deadline = time.monotonic() + 300
    while len(results) < PROCESSES and time.monotonic() < deadline:
        try:
            results.append(out.get(timeout=1))
        except queue.Empty:
            crashed = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
            assert not crashed, f"a process failed: {crashed}"
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    taken = sorted(seq for numbers in results for seq, _ in numbers)
    assert taken == list(range(1, 51))  # no gap, no duplicate
    assert all(len(numbers) == PER_PROCESS for numbers in results)
    db.session.expire_all()
    stored = list(db.session.scalars(select(Receipt.number).order_by(Receipt.seq)))
    assert len(set(stored)) == 50 and stored[0].endswith("-000001")
    assert stored[-1].endswith("-000050")
    series = db.session.scalar(
        select(NumberSeries).where(NumberSeries.code == "receipt")
    )
    assert series.next_number == 51
