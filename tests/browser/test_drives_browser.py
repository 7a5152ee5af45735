"""The "done when" flow of issue 4, as a newcomer would try it.

A coordinator creates a drive with three goals on a laptop; a donor pledges on a
phone from the public page; on the same phone the coordinator records two partial
intakes against that pledge (one with a rejected part) and a distribution; every
number on the staff and public pages is then checked.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, no_horizontal_scroll

GOALS = (("瓶装水", "箱", "100"), ("棉被", "床", "50"), ("方便面", "箱", "30"))


def _seed(live_server):
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation

    with live_server.app.app_context():
        create_organisation(name_zh="阳光社区志愿者协会", name_en="Sunshine")
        create_user(
            email="li@example.org", name="李华", role="coordinator", password=PASSWORD
        )
        db.session.commit()


def _create_drive(page, live_server):
    page.goto(live_server.url("/drives/"))
    page.get_by_role("link", name="新建募集活动").click()
    page.fill("#title_zh", "洪灾救援物资募集")
    page.fill("#slug", "flood")
    page.fill("#beneficiary", "受灾群众")
    page.click("input[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("募集活动已创建")
    for name, unit, target in GOALS:
        page.get_by_role("link", name="添加物资目标").click()
        page.fill("#name_zh", name)
        page.fill("#unit", unit)
        page.fill("#target_quantity", target)
        page.click("input[type=submit]")
        expect(page.locator(".alert-success")).to_contain_text("物资目标已添加")
    page.get_by_role("link", name="添加接收点").click()
    page.fill("#name", "社区服务中心")
    page.fill("#address", "阳光路 88 号")
    page.click("input[type=submit]")
    page.click("button:has-text('开始募集')")
    expect(page.locator(".alert-success")).to_contain_text("募集中")


def _pledge(phone, live_server):
    phone.goto(live_server.url("/drives/flood"))
    assert no_horizontal_scroll(phone)
    expect(phone.locator(".need")).to_have_count(3)
    phone.get_by_role("link", name="我要捐赠").click()
    phone.get_by_label("瓶装水 (箱)").fill("50")
    phone.get_by_label("棉被 (床)").fill("10")
    phone.fill("#donor_name", "王小明")
    phone.fill("#donor_phone", "137 1234 5678")
    phone.check("#show_publicly")
    phone.click("input[type=submit][value='认捐']")
    expect(phone.locator(".alert-success")).to_contain_text("认捐已登记")


def _intake(phone, live_server, lines, rejected=None):
    phone.goto(live_server.url("/drives/pledges/1"))
    phone.get_by_role("link", name="登记这项认捐的送达").click()
    expect(phone.locator("#pledge_id")).to_have_value("1")
    for n, (item_label, received, accepted) in enumerate(lines):
        phone.select_option(f"#line-{n}-item", label=item_label)
        phone.fill(f"#line-{n}-quantity_received", received)
        if accepted is not None:
            phone.fill(f"#line-{n}-quantity_accepted", accepted)
        if rejected and n == 0:
            phone.locator(".intake-line").nth(0).locator("summary").click()
            phone.fill("#line-0-rejection_reason", rejected)
    phone.fill("#counted_by_2", "陈静")
    phone.click("input[type=submit][value='登记入库']")
    expect(phone.locator(".alert-success")).to_contain_text("已登记")
    assert no_horizontal_scroll(phone)


def _numbers(page, item_id):
    cells = page.locator(f"tr[data-item='{item_id}'] td")
    return [re.sub(r"^.*：", "", t).strip() for t in cells.all_inner_texts()]


def test_a_drive_from_goals_to_distribution(desktop, phone, live_server):
    _seed(live_server)
    log_in(desktop, live_server)
    _create_drive(desktop, live_server)
    _pledge(phone, live_server)

    log_in(phone, live_server)
    _intake(phone, live_server, [("瓶装水 (箱)", "25", "20")], rejected="外包装破损")
    expect(phone.locator("table.list")).to_contain_text("外包装破损")
    _intake(
        phone, live_server, [("瓶装水 (箱)", "20", None), ("棉被 (床)", "10", None)]
    )

    phone.goto(live_server.url("/drives/pledges/1"))
    expect(phone.locator("tr[data-item='1']")).to_contain_text("10")  # 50 − 40
    phone.goto(live_server.url("/drives/1"))
    phone.get_by_role("link", name="登记发放").click()
    phone.get_by_label("瓶装水 (箱)").fill("30")
    phone.get_by_label("棉被 (床)").fill("5")
    phone.fill("#recipient", "红旗镇安置点")
    phone.fill("#handed_over_by", "李华")
    phone.fill("#received_by", "王镇长")
    phone.click("input[type=submit][value='登记发放']")
    expect(phone.locator(".alert-success")).to_contain_text("发放")

    # Goal, pledged (outstanding), received, accepted, distributed, on hand, needed.
    desktop.goto(live_server.url("/drives/1"))
    assert _numbers(desktop, 1) == ["100", "10", "45", "40", "30", "10", "60"]
    assert _numbers(desktop, 2) == ["50", "0", "10", "10", "5", "5", "40"]
    assert _numbers(desktop, 3) == ["30", "0", "0", "0", "0", "0", "30"]
    expect(desktop.locator("main")).to_contain_text("总体：目标完成 20%")

    phone.goto(live_server.url("/drives/flood"))
    public = phone.locator("main")
    expect(public).to_contain_text("目标已完成 20%")
    expect(phone.locator(".need[data-item='1']")).to_contain_text("仍需 60 箱")
    expect(phone.locator(".need[data-item='1']")).to_contain_text("已认捐 10")
    expect(phone.locator(".need[data-item='2']")).to_contain_text("仍需 40 床")
    expect(phone.locator(".need[data-item='3']")).to_contain_text("仍需 30 箱")
    expect(public).to_contain_text("王小明")
    expect(public).to_contain_text("红旗镇安置点")
    assert no_horizontal_scroll(phone)

    # The other staff pages of the drive pass the same accessibility checks.
    for path in (
        "/drives/1/stock",
        "/drives/donors/1",
        "/drives/donors/merge?keep_id=1",
        "/drives/items/1",
        "/drives/intakes/2",
    ):
        desktop.goto(live_server.url(path))
        expect(desktop.locator("h1")).to_be_visible()
    phone.goto(live_server.url("/drives/1/stock"))
    assert no_horizontal_scroll(phone)
