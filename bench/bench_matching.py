"""Matching at scale: ranking 10,000 volunteers for one shift, and auto-filling
200 places from 5,000 volunteers.

Each is compared with the bare database queries it needs (the SELECTs the
adapter runs, rows fetched as tuples, no matching), measured in the same run.
Weekly availability is summed to one mask per volunteer in SQL, so the bare
queries fetch 10,000 rows there, not 50,000, and only the claims in the
shifts' specialty (elder care), as the adapter does (see bench/NOTES.md).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from common import Result, bench_app, load_note, paired

ZONE = ZoneInfo("Asia/Shanghai")
DISTRICTS = ("南山区", "福田区", "罗湖区", "宝安区", "龙岗区")
LEVELS = ("interested", "experienced", "certified")
PARTS = ("morning", "afternoon", "evening")

BARE_QUERIES = (
    "SELECT id, status, district, is_core, max_hours_per_month FROM volunteers"
    " WHERE status != 'withdrawn' ORDER BY id",
    "SELECT vs.volunteer_id, s.code, vs.level, vs.certificate_expiry"
    " FROM volunteer_specialties vs JOIN specialties s ON s.id = vs.specialty_id"
    " WHERE s.code IN ('elder_care')",
    "SELECT volunteer_id, SUM(CASE weekday WHEN 0 THEN 1 WHEN 1 THEN 8"
    " WHEN 2 THEN 64 WHEN 3 THEN 512 WHEN 4 THEN 4096 WHEN 5 THEN 32768"
    " ELSE 262144 END * CASE part WHEN 'morning' THEN 1 WHEN 'afternoon' THEN 2"
    " ELSE 4 END) FROM availability_slots GROUP BY volunteer_id",
    "SELECT a.volunteer_id, s.starts_at, s.ends_at FROM assignments a"
    " JOIN shifts s ON s.id = a.shift_id WHERE a.status IN"
    " ('proposed', 'invited', 'confirmed', 'attended') AND s.cancelled_at IS NULL",
    "SELECT r.volunteer_id, SUM(r.hours) FROM service_records r"
    " JOIN service_reviews v ON v.record_id = r.id AND v.decision = 'approved'"
    " GROUP BY r.volunteer_id",
    "SELECT volunteer_id, status, COUNT(*) FROM assignments"
    " WHERE status IN ('attended', 'no_show') GROUP BY volunteer_id, status",
)


def _bare(db):
    from sqlalchemy import text

    for sql in BARE_QUERIES:
        db.session.execute(text(sql)).fetchall()


def _seed(db, people: int, rng: random.Random):
    from sqlalchemy import insert, select

    from volunteer_hub.organisation.services import create_organisation
    from volunteer_hub.volunteers.models import (
        AvailabilitySlot,
        Specialty,
        Volunteer,
        VolunteerSpecialty,
    )
    from volunteer_hub.volunteers.services_admin import ensure_specialties

    create_organisation(name_zh="基准测试协会", name_en="Bench Association")
    ensure_specialties()
    db.session.flush()
    specialty_ids = db.session.scalars(select(Specialty.id)).all()
    db.session.execute(
        insert(Volunteer),
        [
            {
                "id": n,
                "name": f"志愿者{n}",
                "phone": f"+86139{n:08d}",
                "district": rng.choice(DISTRICTS),
                "status": "active" if rng.random() < 0.9 else "inactive",
                "is_core": rng.random() < 0.1,
                "max_hours_per_month": rng.choice((None, None, 8, 12, 20)),
                "source": "import",
            }
            for n in range(1, people + 1)
        ],
    )
    skills, slots = [], []
    for n in range(1, people + 1):
        for specialty_id in rng.sample(specialty_ids, rng.randint(1, 3)):
            level = rng.choice(LEVELS)
            expiry = date(2030, 1, 1) if level == "certified" else None
            skills.append(
                {
                    "volunteer_id": n,
                    "specialty_id": specialty_id,
                    "level": level,
                    "certificate_expiry": expiry,
                }
            )
        for weekday, part in rng.sample([(d, p) for d in range(7) for p in PARTS], 5):
            slots.append({"volunteer_id": n, "weekday": weekday, "part": part})
    db.session.execute(insert(VolunteerSpecialty), skills)
    db.session.execute(insert(AvailabilitySlot), slots)
    db.session.commit()


def _project_with_shifts(db, shifts: int, slots: int, start: date):
    from sqlalchemy import select

    from volunteer_hub.projects.shifts.services import (
        combine_local,
        create_project,
        create_shift,
    )
    from volunteer_hub.volunteers.models import Specialty

    elder = db.session.scalar(select(Specialty).where(Specialty.code == "elder_care"))
    project = create_project(name_zh="长者探访", district="南山区", status="active")
    made = []
    for index in range(shifts):
        day = start + timedelta(days=index // 3)
        hour = (9, 13, 18)[index % 3]
        made.append(
            create_shift(
                project,
                starts_at=combine_local(day, time(hour), ZONE),
                ends_at=combine_local(day, time(hour + 3), ZONE),
                slots=slots,
                specialty_id=elder.id,
                min_level="experienced" if index % 2 else None,
            )
        )
    db.session.commit()
    return project, made


def _start_day() -> date:
    today = datetime.now(UTC).astimezone(ZONE).date()
    return today + timedelta(days=14 - today.weekday())


def bench_ranking() -> Result:
    from volunteer_hub.extensions import db
    from volunteer_hub.projects.booking import queries as booking

    app = bench_app("ranking")
    with app.test_request_context():
        _seed(db, 10_000, random.Random(6))
        _, (shift,) = _project_with_shifts(db, 1, 3, _start_day())
        got = paired(
            lambda: booking.rank_for_shift(shift), lambda: _bare(db), repeat=21
        )
    return Result(
        "matching",
        "rank 10,000 volunteers for one shift (load, score, sort)",
        "its bare SELECTs",
        got.subject,
        got.baseline,
        note="10,000 volunteers, 1–3 specialties and 5 weekly slots each; "
        f"{got.cpu_note}; {load_note()}",
    )


def bench_autofill() -> Result:
    from volunteer_hub.extensions import db
    from volunteer_hub.projects.booking import services as booking

    app = bench_app("autofill")
    with app.test_request_context():
        _seed(db, 5_000, random.Random(7))
        project, _ = _project_with_shifts(db, 50, 4, _start_day())
        counts = []

        def fill():
            made, _ = booking.autofill(project)
            counts.append(len(made))
            db.session.rollback()

        got = paired(fill, lambda: _bare(db), repeat=5, warmup=1)
    return Result(
        "matching",
        "auto-fill 200 places (50 shifts × 4) from 5,000 volunteers, exact MILP",
        "its bare SELECTs",
        got.subject,
        got.baseline,
        note=f"{counts[-1]} places filled; includes locking, re-checks and writes; "
        f"CPU {got.subject_cpu * 1000:.0f} ms; " + load_note(),
    )


def run() -> list[Result]:
    return [bench_ranking(), bench_autofill()]
