"""Demo volunteers: a small, realistic roster of a Shenzhen community association."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.admin.services import current_notice, ensure_specialties
from volunteer_hub.volunteers.availability.services import parse_slot, set_availability
from volunteer_hub.volunteers.hours.services import record_service
from volunteer_hub.volunteers.lifecycle.services import set_core
from volunteer_hub.volunteers.models import Specialty
from volunteer_hub.volunteers.profile.services import (
    SpecialtyChoice,
    create_volunteer,
    set_specialties,
)

# name, phone, district, {specialty: level}, slots "day-part", core reason, status
PEOPLE = (
    (
        "王燚",
        "+8613800138001",
        "南山区粤海街道",
        {"elder_care": "experienced", "medical": "interested"},
        "5-morning 6-morning 2-evening",
        "三年来每周六到敬老院服务",
        "active",
    ),
    (
        "陈美玲",
        "+8613800138002",
        "南山区蛇口街道",
        {"medical": "certified"},
        "5-morning 5-afternoon",
        "持护士执业证书，负责义诊",
        "active",
    ),
    (
        "李建国",
        "+8613800138003",
        "福田区华强北街道",
        {"logistics": "experienced", "rescue": "certified"},
        "5-afternoon 6-afternoon 6-evening",
        "",
        "active",
    ),
    (
        "张晓雨",
        "+8613800138004",
        "南山区招商街道",
        {"teaching": "experienced", "children": "experienced"},
        "0-evening 2-evening 4-evening",
        "",
        "active",
    ),
    (
        "Anne-Marie Dubois",
        "+8613800138005",
        "Shekou",
        {"translation": "certified", "teaching": "interested"},
        "6-morning 6-afternoon",
        "",
        "active",
    ),
    (
        "刘洋",
        "+8613800138006",
        "宝安区新安街道",
        {"it_design": "experienced", "publicity": "experienced"},
        "1-evening 3-evening",
        "",
        "active",
    ),
    (
        "阿依古丽·买买提",
        "+8613800138007",
        "南山区粤海街道",
        {"counselling": "certified", "elder_care": "interested"},
        "5-morning 5-afternoon",
        "心理咨询师，带领陪伴小组",
        "active",
    ),
    (
        "赵敏",
        "+8613800138008",
        "罗湖区东门街道",
        {"finance": "experienced"},
        "4-afternoon",
        "",
        "active",
    ),
    (
        "孙浩然",
        "+8613800138009",
        "南山区蛇口街道",
        {"legal": "certified"},
        "6-morning",
        "",
        "pending",
    ),
    (
        "周婷",
        "+8613800138010",
        "龙岗区布吉街道",
        {"disability": "interested"},
        "5-morning 6-morning",
        "",
        "pending",
    ),
    (
        "黄志强",
        "+8613800138011",
        "福田区沙头街道",
        {"environment": "experienced", "community": "experienced"},
        "6-morning 6-afternoon",
        "",
        "inactive",
    ),
)
CERTIFICATES = {
    "medical": ("护士执业证书", "N-2019-44031"),
    "rescue": ("红十字救护员证", "HS-2023-0112"),
    "translation": ("CATTI 二级笔译", "CATTI-2-88810"),
    "counselling": ("心理咨询师（三级）", "XL-3-20451"),
    "legal": ("法律职业资格证书", "A20194403"),
}
SERVICES = (
    ("敬老院周末探访 · Weekend visits at the elders' home", "3"),
    ("社区义诊 · Community health check", "4"),
    ("防汛物资搬运 · Flood-relief supplies", "5.5"),
    ("四点半课堂 · After-school tutoring", "2"),
)


def _choices(codes: dict, skills: dict) -> list:
    expiry = clock.now().date() + timedelta(days=400)
    choices = []
    for code, level in skills.items():
        name, number = CERTIFICATES.get(code, ("", ""))
        choices.append(
            SpecialtyChoice(
                codes[code].id,
                level,
                name,
                number,
                certificate_expiry=expiry if level == "certified" else None,
            )
        )
    return choices


def load(context: dict) -> None:
    """Add the demo volunteers, their hours and core marks to ``context``."""
    ensure_specialties()
    notice = current_notice()
    codes = {s.code: s for s in db.session.scalars(select(Specialty))}
    coordinator = context.get("staff", {}).get("coordinator")
    today = clock.now().date()
    volunteers = []
    for index, (name, phone, district, skills, slots, core, status) in enumerate(
        PEOPLE
    ):
        volunteer = create_volunteer(
            source="staff",
            status=status,
            name=name,
            phone=phone,
            district=district,
            max_hours_per_month=16 if index % 2 else None,
            email=f"volunteer{index + 1}@demo.example",
            consent_version=notice.version,
        )
        set_specialties(volunteer, _choices(codes, skills))
        set_availability(volunteer, {parse_slot(s) for s in slots.split()})
        if core:
            set_core(volunteer, True, reason=core, user=coordinator)
        if status == "active":
            for weeks, (what, hours) in enumerate(SERVICES[: 1 + index % 4]):
                record_service(
                    volunteer,
                    served_on=today - timedelta(weeks=2 + weeks * 3),
                    hours=hours,
                    description=what,
                    entered_by=coordinator,
                )
        volunteers.append(volunteer)
    db.session.flush()
    context["volunteers"] = volunteers
