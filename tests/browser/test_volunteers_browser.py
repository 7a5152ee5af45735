"""Issue 3's "Done when": a phone sign-up in Chinese, the personal link, and a
coordinator who finds the new volunteer and marks them core."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_scroll
from volunteer_hub.extensions import db

PASSWORD = "a-long-password-2026"


def _seed(live_server) -> dict:
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.organisation.services import create_organisation
    from volunteer_hub.volunteers.services_admin import (
        ensure_specialties,
        list_specialties,
    )

    with live_server.app.app_context():
        create_organisation(
            name_zh="燚火社区服务中心",
            name_en="Yi Fire Centre",
            country="CN",
            default_locale="zh_Hans",
        )
        create_user(
            email="li@example.org", name="李华", role="coordinator", password=PASSWORD
        )
        ensure_specialties()
        db.session.commit()
        return {s.code: s.id for s in list_specialties()}


def test_sign_up_on_a_phone_then_a_coordinator_marks_core(phone, desktop, live_server):
    ids = _seed(live_server)
    page = phone
    page.goto(live_server.url("/signup"))
    expect(page.locator("h1")).to_have_text("成为志愿者")
    assert no_horizontal_scroll(page)

    # A first try with a bad number keeps what was typed and explains the problem.
    page.fill("#name", "王燚")
    page.fill("#phone", "12345")
    page.select_option(f"#level_{ids['elder_care']}", "experienced")
    page.select_option(f"#level_{ids['medical']}", "interested")
    page.check("#consent")
    page.click("#submit")
    expect(page.locator("#phone-error")).to_contain_text("不是有效的手机号")
    expect(page.locator("#name")).to_have_value("王燚")
    expect(page.locator(f"#level_{ids['elder_care']}")).to_have_value("experienced")

    page.fill("#phone", "138 0013 8000")
    page.locator("label.slot", has=page.locator("input[value='0-evening']")).click()
    page.check("#consent")
    page.click("#submit")
    expect(page.locator("h1")).to_contain_text("感谢您的登记")
    link = page.locator("#personal-link").input_value()
    assert re.search(r"/v/[A-Za-z0-9_-]{43}$", link)
    expect(page.locator(".qr svg")).to_be_visible()
    assert no_horizontal_scroll(page)

    # The personal link: change the availability to include Saturday morning.
    page.goto(link)
    expect(page.locator("h1")).to_contain_text("王燚")
    expect(page.locator("#profile")).to_contain_text("助老服务")
    page.click("text=修改我的服务时间")
    saturday_morning = page.locator("input[value='5-morning']")
    page.locator("label.slot", has=saturday_morning).click()
    expect(saturday_morning).to_be_checked()
    assert no_horizontal_scroll(page)
    page.click("#submit")
    expect(page.locator(".alert-success")).to_contain_text("服务时间已保存")
    expect(page.locator("#availability")).to_contain_text("周六 上午")

    # The coordinator filters by elder care + Saturday morning and marks core.
    staff = desktop
    staff.goto(live_server.url("/login"))
    staff.fill("#email", "li@example.org")
    staff.fill("#password", PASSWORD)
    staff.click("input[type=submit]")
    staff.goto(live_server.url("/volunteers/"))
    staff.click("details.filters summary")
    staff.select_option("#specialty", str(ids["elder_care"]))
    staff.select_option("#weekday", "5")
    staff.select_option("#part", "morning")
    staff.get_by_role("button", name="显示").click()
    rows = staff.locator("table.roster tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("+86 138****8000")
    staff.click("text=王燚")
    staff.fill("#core-reason", "多年助老经验，周末固定有空")
    staff.get_by_role("button", name="标记为核心志愿者").click()
    expect(staff.locator(".alert-success")).to_contain_text("已标记为核心志愿者")
    expect(staff.locator("h1 .badge")).to_have_text("核心")
    expect(staff.locator("body")).to_contain_text("多年助老经验，周末固定有空")
