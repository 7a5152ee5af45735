"""Issue 14 point 7 at phone size (390x844, zh-CN): the staff home page is the
day's work. One of each kind of waiting work is seeded; each count says 1, and
tapping it opens the list where that very row is."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, no_horizontal_scroll
from tests.fixtures.projects import local
from volunteer_hub import clock
from volunteer_hub.extensions import db

# key of the count → (its Chinese label, the seeded text its list must show)
TODAY = {
    "volunteers-pending": ("待审核的志愿者", "待审赵一"),
    "hours-waiting": ("待审核的服务时长", "时长钱二"),
    "shifts-short": ("未来 7 天仍缺人的班次", "长者助餐"),
    "pledges-due": ("7 天内到期、尚未送达的认捐", "认捐孙三"),
    "intakes-unreceipted": ("已接收但还没开收据的入库", "送达周五"),
    "certificates-expiring": ("30 天内到期的证书", "证书李四"),
    "messages-waiting": ("等待您转交的消息", "请转交：周五的通知"),
}


def _seed_people(specialties) -> None:
    from volunteer_hub.volunteers.hours.services import record_service
    from volunteer_hub.volunteers.profile.services import (
        SpecialtyChoice,
        create_volunteer,
        set_specialties,
    )

    create_volunteer(status="pending", name="待审赵一", phone="+8613900000011")
    hours = create_volunteer(status="active", name="时长钱二", phone="+8613900000012")
    record_service(
        hours,
        served_on=clock.now().date(),
        hours="3",
        description="社区探访",
        approve=False,
    )
    certified = create_volunteer(
        status="active", name="证书李四", phone="+8613900000013"
    )
    expiry = clock.now().date() + timedelta(days=10)
    choice = SpecialtyChoice(
        specialties["medical"], "certified", "急救员证", "A-1", expiry
    )
    set_specialties(certified, [choice])


def _seed_shift(specialties) -> None:
    from volunteer_hub.projects.shifts.services import create_project, create_shift

    project = create_project(
        name_zh="长者助餐",
        name_en="Meals for elders",
        status="active",
        place="阳光社区食堂",
        specialty_ids=[specialties["elder_care"]],
    )
    day = clock.now().date() + timedelta(days=2)
    create_shift(
        project, starts_at=local(day, time(11)), ends_at=local(day, time(13)), slots=2
    )


def _seed_goods() -> None:
    from volunteer_hub.drives import services
    from volunteer_hub.drives.donors import find_or_create_donor
    from volunteer_hub.drives.intake import record_intake
    from volunteer_hub.drives.pledges import create_pledge

    drive = services.create_drive(
        title_zh="冬衣募集", title_en="Winter clothes", slug="winter", purpose="过冬"
    )
    coat = services.add_item(
        drive, name_zh="棉衣", unit="件", target_quantity=Decimal(100)
    )
    services.set_drive_status(drive, "open")
    due = find_or_create_donor(name="认捐孙三", phone="13712345678")
    create_pledge(drive, due, [(coat.id, Decimal(10))], expected_on=clock.now().date())
    giver = find_or_create_donor(name="送达周五", phone="13712345679")
    line = {
        "item": coat,
        "quantity_received": Decimal(4),
        "quantity_accepted": Decimal(4),
    }
    record_intake(drive, [line], donor=giver, counted_by_1="李华")


def _seed(live_server) -> None:
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.organisation.services import create_organisation
    from volunteer_hub.outbox.services import queue_message
    from volunteer_hub.volunteers.services_admin import (
        ensure_specialties,
        list_specialties,
    )

    with live_server.app.app_context():
        create_organisation(name_zh="阳光社区志愿者协会", name_en="Sunshine")
        create_user(
            email="li@example.org", name="李华", role="coordinator", password=PASSWORD
        )
        ensure_specialties()
        specialties = {s.code: s.id for s in list_specialties()}
        _seed_people(specialties)
        _seed_shift(specialties)
        _seed_goods()
        queue_message(to_address=None, subject="请转交：周五的通知", body="周五集合")
        db.session.commit()


def test_each_count_opens_its_list_on_a_phone(phone, live_server):
    _seed(live_server)
    log_in(phone, live_server)
    home = phone.url
    # The seven kinds, and qualification documents to renew (none here).
    expect(phone.locator(".today .today-item")).to_have_count(len(TODAY) + 1)
    expect(phone.locator("#today-documents-expiring .today-count")).to_have_text("0")
    assert no_horizontal_scroll(phone)
    for key, (label, row) in TODAY.items():
        item = phone.locator(f"#today-{key}")
        expect(item.locator(".today-count")).to_have_text("1")
        expect(item.locator(".today-label")).to_have_text(label)
        assert item.locator("a").bounding_box()["height"] >= 44, key
        item.locator("a").tap()
        expect(phone.locator("main")).to_contain_text(row)
        assert no_horizontal_scroll(phone), key
        phone.goto(home)
