"""The drive report over 100,000 intake lines and the annual summary, each against
the bare SQL aggregate queries it needs (written out by hand, SQLite dialect).

The data is bulk-inserted in the shape the services write: intakes (some
reversed), their lines with every valuation basis and some rejections, stock
entries, distributions, service hours with reviews.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from common import Result, bench_app, logged_in_client, median_seconds
from sqlalchemy import text

INTAKES = 20_000
LINES_PER_INTAKE = 5
BASES = ("invoice", "market", "appraisal", "declared", "not_valued")
START = datetime(2026, 1, 1, tzinfo=UTC)


def _drive(db, services):
    drive = services.create_drive(
        title_zh="洪灾救援", slug="flood", restricted=True, restricted_purpose="救灾"
    )
    items = [
        services.add_item(
            drive,
            name_zh=f"物资{n}",
            unit="件",
            target_quantity=Decimal(100_000),
            reference_unit_value=Decimal(10 + n),
        )
        for n in range(LINES_PER_INTAKE)
    ]
    point = services.add_point(drive, name="社区服务中心")
    services.set_drive_status(drive, "open")
    db.session.flush()
    return drive, items, point


def _donors(db, Donor) -> list[int]:
    rows = [
        {
            "kind": "organisation" if n % 7 == 0 else "person",
            "name": f"捐赠人{n}",
            "show_publicly": n % 3 == 0,
            "address": "",
            "notes": "",
        }
        for n in range(1_000)
    ]
    db.session.execute(db.insert(Donor), rows)
    return list(db.session.scalars(db.select(Donor.id)))


def _intakes(db, models, drive, items, point, donors, rng):
    Intake, IntakeLine, StockEntry = models
    intakes = [
        {
            "number": f"RK-{n:06d}",
            "drive_id": drive.id,
            "donor_id": rng.choice(donors),
            "point_id": point.id,
            "counted_by_1": "李华",
            "counted_by_2": "",
            "note": "",
            "reason": "",
            "created_at": START,
            "received_at": START + timedelta(minutes=rng.randrange(0, 330 * 24 * 60)),
        }
        for n in range(INTAKES)
    ]
    db.session.execute(db.insert(Intake), intakes)
    ids = list(db.session.scalars(db.select(Intake.id).order_by(Intake.id)))
    lines = []
    for intake_id in ids:
        for item in items:
            received = Decimal(rng.randint(1, 20))
            accepted = received - (1 if rng.random() < 0.1 else 0)
            basis = rng.choice(BASES)
            value = (
                None if basis == "not_valued" else accepted * item.reference_unit_value
            )
            lines.append(
                {
                    "intake_id": intake_id,
                    "drive_item_id": item.id,
                    "quantity_received": received,
                    "quantity_accepted": accepted,
                    "rejection_reason": "破损" if accepted < received else "",
                    "condition": "new",
                    "valuation_basis": basis,
                    "valuation_amount": value,
                }
            )
    db.session.execute(db.insert(IntakeLine), lines)
    entries = db.session.execute(
        db.select(IntakeLine.id, IntakeLine.drive_item_id, IntakeLine.quantity_accepted)
    ).all()
    db.session.execute(
        db.insert(StockEntry),
        [
            {
                "drive_id": drive.id,
                "drive_item_id": item_id,
                "point_id": point.id,
                "kind": "intake",
                "quantity": quantity,
                "intake_line_id": line_id,
                "reason": "",
                "note": "",
                "created_at": START,
            }
            for line_id, item_id, quantity in entries
        ],
    )
    return ids


def _distributions(db, models, drive, items, point, rng):
    Distribution, DistributionLine = models
    db.session.execute(
        db.insert(Distribution),
        [
            {
                "number": f"CK-{n:05d}",
                "drive_id": drive.id,
                "point_id": point.id,
                "recipient": f"安置点{n % 40}",
                "destination": "英德市",
                "show_publicly": n % 5 != 0,
                "handed_over_by": "李华",
                "received_by": "陈静",
                "note": "",
                "reason": "",
                "created_at": START,
                "distributed_at": START + timedelta(days=rng.randrange(0, 330)),
            }
            for n in range(2_000)
        ],
    )
    ids = list(db.session.scalars(db.select(Distribution.id)))
    db.session.execute(
        db.insert(DistributionLine),
        [
            {"distribution_id": d, "drive_item_id": item.id, "quantity": Decimal(5)}
            for d in ids
            for item in items[:3]
        ],
    )


def _hours(db, rng):
    from volunteer_hub.volunteers.models import Volunteer
    from volunteer_hub.volunteers.models_hours import ServiceRecord, ServiceReview

    db.session.execute(
        db.insert(Volunteer),
        [
            {
                "name": f"志愿者{n}",
                "phone": f"+86139{n:08d}",
                "status": "active",
                "district": "",
                "intro": "",
                "notes": "",
                "source": "staff",
                "preferred_locale": "zh_Hans",
                "is_core": n % 10 == 0,
            }
            for n in range(2_000)
        ],
    )
    volunteers = list(db.session.scalars(db.select(Volunteer.id)))
    db.session.execute(
        db.insert(ServiceRecord),
        [
            {
                "volunteer_id": rng.choice(volunteers),
                "hours": Decimal(rng.randint(1, 8)),
                "served_on": date(2026, 1, 1) + timedelta(days=rng.randrange(0, 330)),
                "description": f"活动{n % 30}",
                "note": "",
                "source": "manual",
                "reason": "",
                "entered_label": "",
            }
            for n in range(20_000)
        ],
    )
    records = list(db.session.scalars(db.select(ServiceRecord.id)))
    db.session.execute(
        db.insert(ServiceReview),
        [{"record_id": r, "decision": "approved", "note": ""} for r in records],
    )


def _seed(app) -> int:
    from volunteer_hub.drives import services
    from volunteer_hub.drives.models import Donor
    from volunteer_hub.drives.models_stock import (
        Distribution,
        DistributionLine,
        Intake,
        IntakeLine,
        StockEntry,
    )
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation

    rng = random.Random(7)
    with app.app_context():
        create_organisation(name_zh="基准测试协会", name_en="Bench Association")
        drive, items, point = _drive(db, services)
        donors = _donors(db, Donor)
        _intakes(db, (Intake, IntakeLine, StockEntry), drive, items, point, donors, rng)
        _distributions(db, (Distribution, DistributionLine), drive, items, point, rng)
        _hours(db, rng)
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        return drive.id


EFFECTIVE = (
    "i.drive_id = :d AND i.reverses_id IS NULL AND NOT EXISTS"
    " (SELECT 1 FROM intakes r WHERE r.reverses_id = i.id)"
)
DRIVE_SQL = (
    "SELECT pl.drive_item_id, SUM(pl.quantity) FROM pledge_lines pl JOIN pledges p"
    " ON p.id = pl.pledge_id WHERE p.drive_id = :d AND p.cancelled_at IS NULL"
    " GROUP BY pl.drive_item_id",
    "SELECT drive_item_id, SUM(quantity) FROM stock_entries WHERE drive_id = :d"
    " AND kind = 'adjustment' GROUP BY drive_item_id",
    "SELECT COUNT(*) FROM intakes WHERE drive_id = :d AND reverses_id IS NOT NULL",
    "SELECT COUNT(*) FROM distributions WHERE drive_id = :d AND reverses_id IS NOT"
    " NULL",
    f"SELECT l.drive_item_id, SUM(l.quantity_received), SUM(l.quantity_accepted),"
    f" SUM(l.valuation_amount) FROM intake_lines l JOIN intakes i ON i.id ="
    f" l.intake_id WHERE {EFFECTIVE} GROUP BY l.drive_item_id",
    "SELECT drive_item_id, SUM(quantity) FROM stock_entries WHERE drive_id = :d"
    " GROUP BY drive_item_id",
    "SELECT l.drive_item_id, SUM(l.quantity) FROM distribution_lines l JOIN"
    " distributions x ON x.id = l.distribution_id WHERE x.drive_id = :d AND"
    " x.reverses_id IS NULL GROUP BY l.drive_item_id",
    f"SELECT strftime('%Y-%m-%d', i.received_at, '+480 minutes') k, COUNT(DISTINCT"
    f" i.id), SUM(l.valuation_amount) FROM intakes i LEFT JOIN intake_lines l ON"
    f" l.intake_id = i.id WHERE {EFFECTIVE} GROUP BY k",
    f"SELECT d.kind, COUNT(DISTINCT d.id), COUNT(i.id) FROM intakes i LEFT JOIN"
    f" donors d ON d.id = i.donor_id WHERE {EFFECTIVE} GROUP BY d.kind",
    f"SELECT i.donor_id, SUM(l.valuation_amount) v FROM intakes i JOIN intake_lines"
    f" l ON l.intake_id = i.id WHERE {EFFECTIVE} GROUP BY i.donor_id ORDER BY v"
    f" DESC LIMIT 10",
    f"SELECT l.valuation_basis, COUNT(*), SUM(l.valuation_amount) FROM intake_lines"
    f" l JOIN intakes i ON i.id = l.intake_id WHERE {EFFECTIVE} AND"
    f" l.quantity_accepted > 0 GROUP BY l.valuation_basis",
    f"SELECT l.drive_item_id, l.rejection_reason, SUM(l.quantity_received -"
    f" l.quantity_accepted) FROM intake_lines l JOIN intakes i ON i.id ="
    f" l.intake_id WHERE {EFFECTIVE} AND l.quantity_received > l.quantity_accepted"
    f" GROUP BY l.drive_item_id, l.rejection_reason",
    "SELECT x.recipient, x.destination, l.drive_item_id, SUM(l.quantity) FROM"
    " distribution_lines l JOIN distributions x ON x.id = l.distribution_id WHERE"
    " x.drive_id = :d AND x.reverses_id IS NULL GROUP BY x.recipient,"
    " x.destination, l.drive_item_id",
)
NOT_REVERSED = " AND NOT EXISTS (SELECT 1 FROM intakes r WHERE r.reverses_id = i.id)"
ANNUAL_SQL = (
    "SELECT i.drive_id, COUNT(DISTINCT i.id), SUM(l.valuation_amount) FROM intakes i"
    " JOIN intake_lines l ON l.intake_id = i.id WHERE i.reverses_id IS NULL AND"
    " l.quantity_accepted > 0 AND i.received_at >= :a AND i.received_at < :b"
    + NOT_REVERSED
    + " GROUP BY i.drive_id",
    "SELECT drive_id, COUNT(*) FROM distributions WHERE reverses_id IS NULL AND"
    " distributed_at >= :a AND distributed_at < :b GROUP BY drive_id",
    "SELECT strftime('%Y-%m', i.received_at, '+480 minutes') k, dr.restricted,"
    " SUM(l.valuation_amount), COUNT(DISTINCT i.id) FROM intake_lines l JOIN intakes"
    " i ON i.id = l.intake_id JOIN drives dr ON dr.id = i.drive_id WHERE"
    " i.reverses_id IS NULL AND l.quantity_accepted > 0 AND i.received_at >= :a AND"
    " i.received_at < :b" + NOT_REVERSED + " GROUP BY k, dr.restricted",
    "SELECT l.valuation_basis, dr.restricted, SUM(l.valuation_amount) FROM"
    " intake_lines l JOIN intakes i ON i.id = l.intake_id JOIN drives dr ON dr.id ="
    " i.drive_id WHERE i.reverses_id IS NULL AND l.quantity_accepted > 0 AND"
    " i.received_at >= :a AND i.received_at < :b"
    + NOT_REVERSED
    + " GROUP BY l.valuation_basis, dr.restricted",
    "SELECT x.recipient, l.drive_item_id, SUM(l.quantity) FROM distribution_lines l"
    " JOIN distributions x ON x.id = l.distribution_id WHERE x.reverses_id IS NULL"
    " AND x.distributed_at >= :a AND x.distributed_at < :b GROUP BY x.recipient,"
    " l.drive_item_id",
    "SELECT r.description, SUM(r.hours), COUNT(DISTINCT r.volunteer_id) FROM"
    " service_records r JOIN service_reviews v ON v.record_id = r.id AND v.decision"
    " = 'approved' WHERE r.served_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY"
    " r.description",
    "SELECT COUNT(*), SUM(h) FROM (SELECT r.volunteer_id, SUM(r.hours) h FROM"
    " service_records r JOIN service_reviews v ON v.record_id = r.id AND v.decision"
    " = 'approved' WHERE r.served_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY"
    " r.volunteer_id)",
)


def _bare(db, statements, params):
    for statement in statements:
        db.session.execute(text(statement), params).all()


def run() -> list[Result]:
    from volunteer_hub.drives.models import Drive
    from volunteer_hub.extensions import db
    from volunteer_hub.reports.annual.queries import annual_report
    from volunteer_hub.reports.drive.queries import drive_report
    from volunteer_hub.reports.periods import Period, zone

    app = bench_app("reports")
    drive_id = _seed(app)
    lines = INTAKES * LINES_PER_INTAKE
    with app.app_context():
        drive = db.session.get(Drive, drive_id)
        period = Period.year(2026, zone("Asia/Shanghai"))
        params = {
            "d": drive_id,
            "a": period.utc_start.replace(tzinfo=None),
            "b": period.utc_end.replace(tzinfo=None),
        }
        bare_drive = median_seconds(lambda: _bare(db, DRIVE_SQL, params), repeat=5)
        subject = median_seconds(lambda: drive_report(drive, Period()), repeat=5)
        bare_year = median_seconds(lambda: _bare(db, ANNUAL_SQL, params), repeat=5)
        year = median_seconds(lambda: annual_report(2026, period), repeat=5)
    client = logged_in_client(app, "viewer")
    page = median_seconds(lambda: client.get(f"/reports/drives/{drive_id}"), repeat=5)
    csv = median_seconds(
        lambda: client.get(f"/reports/drives/{drive_id}.csv"), repeat=5
    )
    note = f"{lines:,} intake lines, 2,000 distributions"
    return [
        Result(
            "reports",
            "drive report (all sections)",
            "bare SQL aggregates",
            subject,
            bare_drive,
            note,
        ),
        Result(
            "reports",
            "drive report page (HTML)",
            "bare SQL aggregates",
            page,
            bare_drive,
            note,
        ),
        Result(
            "reports", "drive report CSV", "bare SQL aggregates", csv, bare_drive, note
        ),
        Result(
            "reports",
            "annual summary",
            "bare SQL aggregates",
            year,
            bare_year,
            f"{lines:,} intake lines, 20,000 service records",
        ),
    ]
