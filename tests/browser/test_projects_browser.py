"""Issue 6's "Done when", as a coordinator on a laptop and a volunteer on a phone:
a project with a weekly series of elder-care visits, ranking, auto-fill, an
adjustment, invitations, a confirmation from the link, attendance, approved
hours and the certificate."""

import io
import re
from datetime import timedelta

from playwright.sync_api import expect
from pypdf import PdfReader
from sqlalchemy import select

from tests.browser.conftest import PASSWORD, log_in, no_horizontal_scroll
from tests.fixtures.projects import monday_in
from volunteer_hub import clock
from volunteer_hub.extensions import db

SECRET = "s" * 43


def _seed(live_server) -> None:
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.links import hash_secret
    from volunteer_hub.organisation.services import create_organisation
    from volunteer_hub.volunteers import services
    from volunteer_hub.volunteers.services_admin import (
        ensure_specialties,
        list_specialties,
    )

    with live_server.app.app_context():
        create_organisation(name_zh="燚火社区服务中心", name_en="Yi Fire Centre")
        create_user(
            email="li@example.org", name="李华", role="coordinator", password=PASSWORD
        )
        ensure_specialties()
        elder = {s.code: s for s in list_specialties()}["elder_care"].id
        people = (
            ("王芳", "+8613900000001", "南山区", "experienced", {(0, "morning")}, True),
            ("刘洋", "+8613900000002", "南山区", "interested", {(2, "morning")}, False),
            ("陈静", "+8613900000003", "福田区", "experienced", set(), False),
        )
        for name, phone, district, level, slots, core in people:
            volunteer = services.create_volunteer(
                status="active",
                name=name,
                phone=phone,
                district=district,
                email=f"{phone[-4:]}@example.org",
            )
            volunteer.is_core = core
            services.set_specialties(
                volunteer, [services.SpecialtyChoice(elder, level)]
            )
            services.set_availability(volunteer, slots)
            if name == "王芳":
                volunteer.link_secret_hash = hash_secret(SECRET)
        db.session.commit()


def _create_project_with_series(page, live_server):
    page.goto(live_server.url("/projects"))
    page.get_by_role("link", name="新建项目").click()
    page.fill("#name_zh", "长者居家探访")
    page.fill("#name_en", "Home visits to elders")
    page.fill("#place", "桃源街道社区工作站")
    page.fill("#district", "南山区")
    page.select_option("#status", "active")
    page.get_by_label("助老服务").check()
    page.get_by_role("button", name="保存").click()
    expect(page.locator("h1")).to_have_text("添加班次")
    page.fill("#day", monday_in(2).isoformat())
    page.fill("#start_time", "09:00")
    page.fill("#end_time", "11:30")
    page.fill("#slots", "2")
    page.get_by_role("button", name="保存班次").click()
    expect(page.locator("h1")).to_have_text("复制到其他日期")
    page.get_by_label("周三").check()
    page.get_by_label("周五").check()
    page.fill("#weeks", "2")
    page.get_by_role("button", name="生成副本").click()
    expect(page.locator(".alert-success")).to_contain_text("已添加 5 个班次")
    expect(page.locator(".shift-card")).to_have_count(6)


def _rank_and_propose(page):
    page.locator(".shift-card a").first.click()
    page.get_by_role("link", name="查找志愿者").click()
    ranking = page.locator(".ranking .candidate")
    expect(ranking).to_have_count(3)
    expect(ranking.first).to_contain_text("王芳")
    expect(ranking.first).to_contain_text("核心志愿者")
    expect(ranking.first).to_contain_text("通常这个时段有空")
    ranking.first.get_by_role("button", name="推荐 王芳").click()
    expect(page.locator(".alert-success")).to_contain_text("已推荐 王芳")


def test_coordinator_staffs_a_week_and_volunteer_gets_certified(
    desktop, phone, live_server, monkeypatch
):
    _seed(live_server)
    page = desktop
    log_in(page, live_server)
    _create_project_with_series(page, live_server)
    project_url = page.url
    _rank_and_propose(page)

    # Auto-fill the rest, then take one person off the first shift.
    page.goto(project_url)
    page.get_by_role("link", name="自动安排空缺名额").click()
    page.get_by_role("button", name="生成排班方案").click()
    expect(page.locator(".alert-success")).to_contain_text("位志愿者")
    page.locator(".shift-card a").first.click()
    team = page.locator("#team tbody tr")
    expect(team).to_have_count(2)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#team tbody tr", has_text="陈静").get_by_role(
        "button", name="撤下"
    ).click()
    expect(page.locator(".alert-success")).to_contain_text("已将 陈静 从班次撤下")

    page.goto(project_url)
    page.get_by_role("button", name=re.compile("发送 \\d+ 份邀请")).click()
    # No mail server: the page says the invitations wait to be passed on.
    expect(page.locator(".alert-warning")).to_contain_text("等待您转交")
    page.get_by_role("link", name="群聊通知文字").click()
    expect(page.locator("#chat-text")).to_contain_text("王芳")

    # The volunteer confirms from the link in her invitation, on her phone.
    from volunteer_hub.outbox.models import OutboxMessage

    with live_server.app.app_context():
        # The link waits, with the secret, until it is sent or shown once.
        bodies = db.session.scalars(
            select(OutboxMessage.private_body).where(OutboxMessage.to_name == "王芳")
        ).all()
    path = re.search(r"/shifts/r/[\w-]+", bodies[0]).group(0)
    phone.goto(live_server.url(path))
    expect(phone.locator("h1")).to_contain_text("王芳")
    assert no_horizontal_scroll(phone)
    phone.get_by_role("button", name="好的，我会参加").click()
    expect(phone.locator(".alert-success")).to_contain_text("您已确认参加")
    phone.goto(live_server.url(f"/v/{SECRET}"))
    expect(phone.locator("#shifts")).to_contain_text("已确认")

    # After the shift: attendance, then approval of the hours.
    with live_server.app.app_context():
        from volunteer_hub.projects.models import Shift

        first = db.session.scalar(select(Shift).order_by(Shift.starts_at).limit(1))
        after = first.ends_at + timedelta(hours=2)
    monkeypatch.setattr(clock, "now", lambda: after)
    page.goto(live_server.url(f"/projects/shifts/{first.id}"))
    row = page.locator("#team tbody tr", has_text="王芳")
    row.get_by_label("已到").check()
    row.get_by_label("服务时长（小时）").fill("2.5")
    row.get_by_role("button", name="保存出勤").click()
    expect(page.locator(".alert-success")).to_contain_text("出勤已保存")
    page.locator("#team tbody tr", has_text="王芳").get_by_role(
        "button", name="审核通过时长"
    ).click()
    expect(page.locator(".alert-success")).to_contain_text("已审核通过")

    # The approved hours are on her page and on her certificate.
    phone.goto(live_server.url(f"/v/{SECRET}"))
    expect(phone.locator(".total-hours")).to_contain_text("2.5")
    token = phone.locator("#certificates input[name=csrf_token]").input_value()
    day = first.starts_at.date()
    phone.request.post(
        live_server.url(f"/v/{SECRET}/certificate"),
        form={
            "csrf_token": token,
            "period_start": (day - timedelta(days=1)).isoformat(),
            "period_end": (day + timedelta(days=1)).isoformat(),
        },
    )
    phone.goto(live_server.url(f"/v/{SECRET}"))
    href = phone.locator("#certificates a[href*='certificate']").first.get_attribute(
        "href"
    )
    pdf = phone.request.get(live_server.url(href)).body()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "2.5" in text and "长者居家探访" in text


def test_coordinator_pages_fit_a_phone(phone, live_server):
    _seed(live_server)
    page = phone
    log_in(page, live_server)
    _create_project_with_series(page, live_server)
    assert no_horizontal_scroll(page)
    _rank_and_propose(page)
    assert no_horizontal_scroll(page)
    page.goto(page.url.replace("/candidates", ""))
    expect(page.locator("#team")).to_contain_text("王芳")
    assert no_horizontal_scroll(page)
    page.goto(live_server.url("/projects?lang=en"))
    expect(page.locator("h1")).to_have_text("Service projects")
    assert no_horizontal_scroll(page)
