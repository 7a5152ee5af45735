"""The roster with 10,000 volunteers: the filter, the page and the CSV export,
each against the bare SQL it needs (count plus one page of matching rows)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from common import Result, bench_app, load_note, logged_in_client, paired

VOLUNTEERS = 10_000
BARE_FILTER = """
SELECT count(*) FROM volunteers v
WHERE v.status != 'withdrawn'
  AND EXISTS (SELECT 1 FROM volunteer_specialties s WHERE s.volunteer_id = v.id
              AND s.specialty_id = :sid AND s.level IN ('experienced', 'certified'))
  AND EXISTS (SELECT 1 FROM availability_slots a WHERE a.volunteer_id = v.id
              AND a.weekday = 5 AND a.part = 'morning');
"""
BARE_PAGE = """
SELECT v.id, v.name, v.phone, v.district, v.status, v.is_core FROM volunteers v
WHERE v.status != 'withdrawn'
  AND EXISTS (SELECT 1 FROM volunteer_specialties s WHERE s.volunteer_id = v.id
              AND s.specialty_id = :sid AND s.level IN ('experienced', 'certified'))
  AND EXISTS (SELECT 1 FROM availability_slots a WHERE a.volunteer_id = v.id
              AND a.weekday = 5 AND a.part = 'morning')
ORDER BY v.id DESC LIMIT 50
"""
# What the CSV export needs at least: every matching volunteer, their skills and
# their weekly times (the page's count + 50 rows is a smaller job).
MATCHING = """
  v.status != 'withdrawn'
  AND EXISTS (SELECT 1 FROM volunteer_specialties s WHERE s.volunteer_id = v.id
              AND s.specialty_id = :sid AND s.level IN ('experienced', 'certified'))
  AND EXISTS (SELECT 1 FROM availability_slots a WHERE a.volunteer_id = v.id
              AND a.weekday = 5 AND a.part = 'morning')
"""
BARE_EXPORT = (
    f"""SELECT v.id, v.name, v.phone, v.email, v.district, v.status, v.is_core,
    v.max_hours_per_month, v.created_at FROM volunteers v WHERE {MATCHING}
    ORDER BY v.id DESC""",
    f"""SELECT k.volunteer_id, k.specialty_id, k.level FROM volunteer_specialties k
    WHERE k.volunteer_id IN (SELECT v.id FROM volunteers v WHERE {MATCHING})""",
    f"""SELECT t.volunteer_id, t.weekday, t.part FROM availability_slots t
    WHERE t.volunteer_id IN (SELECT v.id FROM volunteers v WHERE {MATCHING})""",
)


def _populate(db, specialties) -> None:
    """10,000 volunteers with 1–3 specialties and 2–8 weekly slots each."""
    from volunteer_hub.volunteers.models import (
        AvailabilitySlot,
        Volunteer,
        VolunteerSpecialty,
    )

    rng = random.Random(3)
    now = datetime.now(UTC)
    districts = ["南山区", "福田区", "罗湖区", "宝安区", "龙岗区", "盐田区"]
    people, skills, slots = [], [], []
    for n in range(1, VOLUNTEERS + 1):
        people.append(
            {
                "id": n,
                "name": f"志愿者{chr(0x4E00 + n % 20000)}",
                "phone": f"+86139{n:08d}",
                "district": rng.choice(districts),
                "status": rng.choice(["active"] * 8 + ["pending", "inactive"]),
                "is_core": rng.random() < 0.1,
                "intro": "",
                "notes": "",
                "preferred_locale": "zh_Hans",
                "source": "import",
                "created_at": now,
                "updated_at": now,
            }
        )
        for sid in rng.sample(specialties, rng.randint(1, 3)):
            skills.append(
                {
                    "volunteer_id": n,
                    "specialty_id": sid,
                    "level": rng.choice(["interested", "experienced", "certified"]),
                    "certificate_name": "",
                    "certificate_number": "",
                    "created_at": now,
                }
            )
        for slot in rng.sample(range(21), rng.randint(2, 8)):
            slots.append(
                {
                    "volunteer_id": n,
                    "weekday": slot // 3,
                    "part": ("morning", "afternoon", "evening")[slot % 3],
                }
            )
    db.session.execute(Volunteer.__table__.insert(), people)
    db.session.execute(VolunteerSpecialty.__table__.insert(), skills)
    db.session.execute(AvailabilitySlot.__table__.insert(), slots)
    db.session.commit()


def run() -> list[Result]:
    app = bench_app("volunteers")
    with app.app_context():
        from sqlalchemy import text

        from volunteer_hub.extensions import db
        from volunteer_hub.organisation.services import create_organisation
        from volunteer_hub.pagination import PER_PAGE
        from volunteer_hub.volunteers.roster.queries import RosterFilter, roster_page
        from volunteer_hub.volunteers.roster.rows import roster_rows
        from volunteer_hub.volunteers.services_admin import (
            ensure_specialties,
            list_specialties,
        )

        create_organisation(name_zh="基准测试协会", name_en="Bench Association")
        ensure_specialties()
        specialties = list_specialties()
        ids = [s.id for s in specialties]
        _populate(db, ids)
        elder = ids[0]
        roster_filter = RosterFilter(
            specialty_id=elder, level="experienced", weekday=5, part="morning"
        )

        def bare():
            db.session.execute(text(BARE_FILTER), {"sid": elder}).scalar()
            db.session.execute(text(BARE_PAGE), {"sid": elder}).all()

        def page_rows():
            with app.test_request_context("/volunteers/"):
                page = roster_page(roster_filter, 1, PER_PAGE)
                roster_rows(page.items, specialties, "zh_Hans")

        def bare_export():
            for query in BARE_EXPORT:
                db.session.execute(text(query), {"sid": elder}).all()

        ranked = paired(page_rows, bare, repeat=21)
        matched = db.session.execute(text(BARE_FILTER), {"sid": elder}).scalar()
    client = logged_in_client(app, "coordinator")
    query = f"/volunteers/?specialty={elder}&level=experienced&weekday=5&part=morning"
    export_query = query.replace("/?", "/export.csv?")

    def in_context(action):
        def run():
            with app.app_context():
                action()

        return run

    # Each GET is measured in turn with its baseline (bench/common.py, paired).
    page = paired(lambda: client.get(query), in_context(bare), repeat=21)
    export = paired(lambda: client.get(export_query), in_context(bare), repeat=7)
    export_all = paired(
        lambda: client.get(export_query), in_context(bare_export), repeat=7
    )
    note = f"{VOLUNTEERS:,} volunteers, {matched} match; {load_note()}"

    return [
        Result(
            "volunteers",
            "roster filter (page of 50 with its count, skills and times)",
            "bare SQL count + page",
            ranked.subject,
            ranked.baseline,
            f"{ranked.cpu_note}; {note}",
        ),
        Result(
            "volunteers",
            "GET roster page, same filter",
            "bare SQL count + page",
            page.subject,
            page.baseline,
            f"{page.cpu_note}; {note}",
        ),
        Result(
            "volunteers",
            "GET CSV export, same filter",
            "bare SQL count + page",
            export.subject,
            export.baseline,
            note,
        ),
        Result(
            "volunteers",
            "GET CSV export, same filter",
            "bare SQL: all matching volunteers, skills and times",
            export_all.subject,
            export_all.baseline,
            f"{export_all.cpu_note}; {note}",
        ),
    ]
