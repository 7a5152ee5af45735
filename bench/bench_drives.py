"""The public page of a drive with 20,000 intake lines against a trivial page.

Progress is summed by SQL aggregates, so the page should cost a few grouped
queries, not one row per intake line. The data is bulk-inserted (the same rows the
services write: intakes, lines, stock entries, pledges, distributions).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from common import Result, bench_app, load_note, logged_in_client, median_seconds

LINES = 20_000


def _seed(app) -> str:
    from volunteer_hub.drives import services
    from volunteer_hub.drives.models import Donor
    from volunteer_hub.drives.models_stock import Intake, IntakeLine, StockEntry
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation

    rng = random.Random(4)
    with app.app_context():
        create_organisation(name_zh="基准测试协会", name_en="Bench Association")
        drive = services.create_drive(title_zh="洪灾救援", slug="flood", public=True)
        items = [
            services.add_item(
                drive,
                name_zh=n,
                unit=u,
                target_quantity=Decimal(t),
                reference_unit_value=Decimal(v),
            )
            for n, u, t, v in (
                ("瓶装水", "箱", 500_000, 30),
                ("棉被", "床", 200_000, 120),
                ("方便面", "箱", 100_000, 45),
            )
        ]
        point = services.add_point(drive, name="社区服务中心")
        services.set_drive_status(drive, "open")
        db.session.flush()
        donors = [
            {
                "kind": "person",
                "name": f"捐赠人{n}",
                "phone": None,
                "email": None,
                "address": "",
                "show_publicly": n % 3 == 0,
                "notes": "",
            }
            for n in range(500)
        ]
        db.session.execute(db.insert(Donor), donors)
        donor_ids = list(db.session.scalars(db.select(Donor.id)))
        start = datetime(2026, 7, 1, tzinfo=UTC)
        intakes = [
            {
                "number": f"RK2026-{n:05}",
                "drive_id": drive.id,
                "donor_id": rng.choice(donor_ids),
                "point_id": point.id,
                "received_at": start + timedelta(minutes=n),
                "counted_by_1": "李华",
                "counted_by_2": "",
                "note": "",
                "reason": "",
                "created_at": start + timedelta(minutes=n),
            }
            for n in range(LINES // 2)
        ]
        db.session.execute(db.insert(Intake), intakes)
        intake_ids = list(db.session.scalars(db.select(Intake.id).order_by(Intake.id)))
        lines = []
        for intake_id in intake_ids:
            for item in rng.sample(items, 2):
                quantity = Decimal(rng.randint(1, 20))
                lines.append(
                    {
                        "intake_id": intake_id,
                        "drive_item_id": item.id,
                        "quantity_received": quantity,
                        "quantity_accepted": quantity,
                        "rejection_reason": "",
                        "condition": "new",
                        "valuation_basis": "not_valued",
                    }
                )
        db.session.execute(db.insert(IntakeLine), lines)
        rows = db.session.execute(
            db.select(
                IntakeLine.id, IntakeLine.drive_item_id, IntakeLine.quantity_accepted
            )
        )
        db.session.execute(
            db.insert(StockEntry),
            [
                {
                    "drive_id": drive.id,
                    "drive_item_id": item_id,
                    "point_id": point.id,
                    "kind": "intake",
                    "quantity": q,
                    "intake_line_id": line_id,
                    "reason": "",
                    "note": "",
                    "created_at": start,
                }
                for line_id, item_id, q in rows
            ],
        )
        db.session.commit()
        return drive.slug


def _after_write(app, action, repeat: int = 15) -> float:
    """The median time of ``action`` right after a write: before each run the
    drive's page version is renewed, as every write the page shows renews it."""
    from volunteer_hub.drives.models import Drive, new_page_version
    from volunteer_hub.extensions import db

    times = []
    for _ in range(repeat + 1):  # the first run warms up
        with app.app_context():
            db.session.execute(db.update(Drive).values(page_version=new_page_version()))
            db.session.commit()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def run() -> list[Result]:
    app = bench_app("drives")
    slug = _seed(app)
    public = app.test_client()
    baseline = median_seconds(lambda: public.get("/"), repeat=30)
    subject = median_seconds(lambda: public.get(f"/drives/{slug}"), repeat=30)
    first = _after_write(app, lambda: public.get(f"/drives/{slug}"))
    staff = logged_in_client(app, "viewer")
    with app.app_context():
        from volunteer_hub.drives.models import Drive
        from volunteer_hub.extensions import db

        drive_id = db.session.scalar(db.select(Drive.id))
    staff_seconds = median_seconds(lambda: staff.get(f"/drives/{drive_id}"), repeat=30)
    note = f"{LINES:,} intake lines, 500 donors; {load_note()}"
    trivial = "GET / (trivial page)"
    return [
        Result("drives", "public drive page (kept)", trivial, subject, baseline, note),
        Result(
            "drives",
            "public drive page, first read after a write",
            trivial,
            first,
            baseline,
            note,
        ),
        Result(
            "drives",
            "staff drive overview (sums kept)",
            trivial,
            staff_seconds,
            baseline,
            note,
        ),
    ]
