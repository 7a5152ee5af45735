"""Stock under concurrency: never below zero, nothing lost, reversed once.

The tests run real threads, each with its own connection and
transaction, on whatever database the suite uses (SQLite or PostgreSQL).
"""

import threading
from decimal import Decimal

from tests.fixtures.drives import PEOPLE, row
from volunteer_hub.drives import distributions, stock
from volunteer_hub.drives.intake import record_intake, reverse_intake
from volunteer_hub.drives.models import Drive, DriveItem
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db


def _run_threads(app, count, work):
    """Run ``work(n)`` in ``count`` threads at once; returns (results, errors)."""
    results, errors = [], []
    barrier = threading.Barrier(count)

    def worker(n):
        with app.app_context():
            try:
                barrier.wait()
                results.append(work(n))
                db.session.commit()
            except DomainError as error:
                db.session.rollback()
                errors.append(error)
            except Exception as error:  # noqa: BLE001 - reported by the test
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_concurrent_distributions_never_take_stock_below_zero(
    app, flood_drive, make_intake
):
    water = flood_drive.items[0]
    make_intake(flood_drive, [(water, 5)])
    drive_id, item_id, point_id = flood_drive.id, water.id, flood_drive.points[0].id

    def take_two(_n):
        drive = db.session.get(Drive, drive_id)
        item = db.session.get(DriveItem, item_id)
        point = next(p for p in drive.points if p.id == point_id)
        return distributions.record_distribution(
            drive, [(item, Decimal(2))], point=point, **PEOPLE
        ).id

    results, errors = _run_threads(app, 6, take_two)
    assert len(results) == 2
    assert len(errors) == 4 and all(isinstance(e, DomainError) for e in errors)
    db.session.expire_all()
    assert stock.on_hand(item_id, point_id) == 1
    assert row(flood_drive, water).distributed == 4


def test_concurrent_intakes_of_one_item_lose_nothing(app, flood_drive):
    drive_id, item_id = flood_drive.id, flood_drive.items[0].id

    def bring(n):
        drive = db.session.get(Drive, drive_id)
        item = db.session.get(DriveItem, item_id)
        return record_intake(
            drive,
            [
                {
                    "item": item,
                    "quantity_received": Decimal(n + 1),
                    "quantity_accepted": Decimal(n + 1),
                }
            ],
            point=drive.points[0],
            counted_by_1="李华",
        ).number

    results, errors = _run_threads(app, 8, bring)
    assert errors == [] and len(set(results)) == 8
    db.session.expire_all()
    water = row(flood_drive, flood_drive.items[0])
    assert water.accepted == water.on_hand == sum(range(1, 9))


def test_concurrent_reversals_of_one_intake_reverse_it_once(
    app, flood_drive, make_intake
):
    intake = make_intake(flood_drive, [(flood_drive.items[0], 9)])
    intake_id = intake.id

    def undo(_n):
        return reverse_intake(db.session.get(Intake, intake_id), "重复登记").id

    results, errors = _run_threads(app, 4, undo)
    assert len(results) == 1 and len(errors) == 3
    db.session.expire_all()
    assert row(flood_drive, flood_drive.items[0]).on_hand == 0
    assert row(flood_drive, flood_drive.items[0]).accepted == 0
