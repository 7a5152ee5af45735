"""A coordinator records a partner's truck on a phone (390×844)."""

from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_scroll


def _seed(live_server):
    from volunteer_hub.demo import run_loaders
    from volunteer_hub.extensions import db

    with live_server.app.app_context():
        run_loaders()
        db.session.commit()


def test_adding_a_contribution_on_a_phone(live_server, phone):
    from volunteer_hub.demo import DEMO_PASSWORD

    _seed(live_server)
    page = phone
    page.goto(live_server.url("/login?lang=zh"))
    page.fill("#email", "coordinator@demo.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#expiring-documents")).to_be_visible()
    page.click("details.menu summary")
    page.locator("details.menu").get_by_role("link", name="合作方").click()
    page.get_by_role("link", name="深圳市物流行业协会").click()
    page.get_by_role("link", name="记录资源投入").click()
    # The form's page, loaded, before it is measured.
    expect(page.locator("#kind")).to_be_visible()
    assert no_horizontal_scroll(page)
    page.select_option("#kind", "transport")
    page.fill("#description", "冷链车 2 天")
    page.fill("#quantity", "2")
    page.fill("#unit", "天")
    page.fill("#value_amount", "3000")
    page.select_option("#value_basis", "market")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("车辆或运输")
    expect(page.locator("main")).to_contain_text("3,000.00")
    assert no_horizontal_scroll(page)
