"""The resource map over 5,000 contributions and 100,000 volunteer hours, against
the bare SQL aggregates it needs (written out by hand, SQLite dialect)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from common import Result, bench_app, logged_in_client, median_seconds
from sqlalchemy import text

KINDS = ("cash_grant", "contract_payment", "goods", "transport", "venue", "media")
TYPES = ("government", "foundation", "enterprise", "association", "individual")
BARE = (
    "SELECT c.kind, COALESCE(p.partner_type, 'own'), c.restricted, COUNT(*),"
    " SUM(c.value_amount), SUM(c.quantity) FROM contributions c LEFT JOIN partners p"
    " ON p.id = c.partner_id WHERE c.given_on BETWEEN '2026-01-01' AND '2026-12-31'"
    " GROUP BY 1, 2, 3",
    "SELECT COALESCE(l.level, 'none'), SUM(s.hours) FROM service_records s"
    " JOIN service_reviews r ON r.record_id = s.id AND r.decision = 'approved'"
    " LEFT JOIN (SELECT volunteer_id, MAX(level) AS level FROM volunteer_specialties"
    " GROUP BY volunteer_id) l ON l.volunteer_id = s.volunteer_id"
    " WHERE s.served_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY 1",
    "SELECT COUNT(DISTINCT partner_id) FROM contributions WHERE partner_id IS NOT"
    " NULL AND given_on BETWEEN '2026-01-01' AND '2026-12-31'",
)


def _seed(app) -> None:
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation
    from volunteer_hub.resources.funding.models import Contribution
    from volunteer_hub.resources.partners.models import Partner
    from volunteer_hub.volunteers.models import Volunteer
    from volunteer_hub.volunteers.models_hours import ServiceRecord, ServiceReview

    rng = random.Random(16)
    with app.app_context():
        create_organisation(name_zh="基准协会", timezone="Asia/Shanghai")
        db.session.execute(
            db.insert(Partner),
            [
                {
                    "name": f"合作方{n}",
                    "name_key": f"合作方{n}",
                    "partner_type": TYPES[n % 5],
                    "resource_kinds": [],
                    "address": "",
                    "notes": "",
                }
                for n in range(200)
            ],
        )
        partners = list(db.session.scalars(db.select(Partner.id))) + [None]
        db.session.execute(
            db.insert(Contribution),
            [
                {
                    "partner_id": rng.choice(partners),
                    "kind": KINDS[n % 6] if n % 7 else "cash_grant",
                    "value_amount": Decimal(rng.randint(100, 50_000)),
                    "value_basis": "market",
                    "quantity": Decimal(rng.randint(1, 30)),
                    "unit": "",
                    "description": "",
                    "restricted": n % 3 == 0,
                    "purpose": "",
                    "reason": "",
                    "given_on": date(2026, 1, 1)
                    + timedelta(days=rng.randrange(0, 360)),
                }
                for n in range(5_000)
            ],
        )
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
                    "is_core": False,
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
                    "hours": Decimal(4),
                    "served_on": date(2026, 1, 1)
                    + timedelta(days=rng.randrange(0, 330)),
                    "description": "活动",
                    "note": "",
                    "source": "manual",
                    "reason": "",
                    "entered_label": "",
                }
                for _n in range(25_000)
            ],
        )
        records = list(db.session.scalars(db.select(ServiceRecord.id)))
        db.session.execute(
            db.insert(ServiceReview),
            [{"record_id": r, "decision": "approved", "note": ""} for r in records],
        )
        db.session.commit()


def run() -> list[Result]:
    from volunteer_hub.extensions import db
    from volunteer_hub.reports.periods import Period
    from volunteer_hub.resources.report.figures import resource_map

    app = bench_app("resources")
    _seed(app)
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    with app.app_context():

        def bare():
            for query in BARE:
                db.session.execute(text(query)).all()

        baseline = median_seconds(bare)
        subject = median_seconds(lambda: resource_map(period))
    client = logged_in_client(app, "viewer")
    page = median_seconds(
        lambda: client.get("/reports/resources?start=2026-01-01&end=2026-12-31"),
        repeat=5,
    )
    note = "5,000 contributions, 100,000 volunteer hours (25,000 records)"
    return [
        Result(
            "resources",
            "resource_map()",
            "bare SQL aggregates",
            subject,
            baseline,
            note,
        ),
        Result(
            "resources",
            "GET /reports/resources",
            "bare SQL aggregates",
            page,
            baseline,
            "the whole page: query, charts, template",
        ),
    ]
