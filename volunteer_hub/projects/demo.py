"""Demo projects: two weeks of home visits to elders (a weekly series, auto-filled
and waiting for the coordinator to send the invitations) and a free clinic still
being planned."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.projects.adapter import local_zone
from volunteer_hub.projects.booking import services as booking
from volunteer_hub.projects.shifts import services
from volunteer_hub.volunteers.models import Specialty


def _specialty(context, code):
    return db.session.scalar(select(Specialty).where(Specialty.code == code))


def load(context: dict) -> None:
    coordinator = context["staff"]["coordinator"]
    zone = local_zone()
    today = clock.now().astimezone(zone).date()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    elder = _specialty(context, "elder_care")
    visits = services.create_project(
        name_zh="长者居家探访周",
        name_en="Home visits to elders",
        description="为桃源街道的独居长者上门探访：陪伴聊天、测量血压、检查家中用电用气安全。",
        place="南山区桃源街道社区工作站（集合）",
        district="南山区粤海街道",
        start_date=monday,
        end_date=monday + timedelta(days=11),
        status="active",
        partner="桃源社区工作站",
        specialty_ids=[elder.id],
        created_by=coordinator,
    )
    first = services.create_shift(
        visits,
        starts_at=services.combine_local(monday, time(9), zone),
        ends_at=services.combine_local(monday, time(11, 30), zone),
        slots=2,
        specialty_id=elder.id,
        notes="请佩戴志愿者证，带上血压计。Wear your volunteer badge.",
    )
    services.copy_shift(first, weeks=2, weekdays=[0, 2, 4])
    booking.autofill(visits, user=coordinator)
    clinic = services.create_project(
        name_zh="社区义诊日",
        name_en="Community free clinic",
        description="与社康中心合作，为居民免费量血压、测血糖、提供用药咨询。",
        place="南山区蛇口街道文化广场",
        district="南山区蛇口街道",
        start_date=monday + timedelta(days=12),
        end_date=monday + timedelta(days=12),
        status="planning",
        partner="蛇口社康中心",
        specialty_ids=[_specialty(context, "medical").id],
        created_by=coordinator,
    )
    saturday = monday + timedelta(days=12)
    services.create_shift(
        clinic,
        starts_at=services.combine_local(saturday, time(8, 30), zone),
        ends_at=services.combine_local(saturday, time(12), zone),
        slots=3,
        specialty_id=_specialty(context, "medical").id,
        min_level="certified",
        requires_certificate=True,
    )
    context["projects"] = [visits, clinic]
