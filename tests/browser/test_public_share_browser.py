"""Issue 14 points 10 and 11 at phone size (390x844, zh-CN): the public pages
carry what WeChat shows when a link is shared (description, title, image), the
site has an icon and a web manifest whose icons exist; the first-run set-up
asks for the receipt rules and the public address and ends on the next steps.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import PASSWORD, no_horizontal_scroll
from volunteer_hub.extensions import db

PURPOSE = "连日暴雨导致多个乡镇受灾，我们募集饮用水和棉被，七天内送到安置点。"


def _seed(live_server) -> None:
    from volunteer_hub.drives import services
    from volunteer_hub.organisation.services import create_organisation

    with live_server.app.app_context():
        create_organisation(name_zh="阳光社区志愿者协会", name_en="Sunshine")
        drive = services.create_drive(
            title_zh="洪灾救援物资募集",
            title_en="Flood relief",
            slug="flood",
            purpose=PURPOSE,
            beneficiary="受灾群众",
            public=True,
        )
        services.add_item(
            drive, name_zh="棉被", unit="床", target_quantity=Decimal(200)
        )
        services.set_drive_status(drive, "open")
        db.session.commit()


def _meta(page, key: str) -> str:
    attribute = "property" if key.startswith("og:") else "name"
    return page.locator(f"meta[{attribute}='{key}']").get_attribute("content")


def _fetch(page, url: str):
    response = page.request.get(url)
    assert response.ok, url
    return response


def _shared_as(page, live_server, path: str, title: str, text: str) -> None:
    """The page's share tags: its title and text, its own public address and
    an image that loads."""
    page.goto(live_server.url(path))
    assert no_horizontal_scroll(page)
    assert _meta(page, "og:title").startswith(title)
    assert text in _meta(page, "description")
    assert _meta(page, "og:description") == _meta(page, "description")
    assert _meta(page, "og:url") == live_server.url(path)
    image = _fetch(page, _meta(page, "og:image"))
    assert image.headers["content-type"].startswith("image/")


def test_public_pages_are_made_to_be_shared(phone, live_server):
    _seed(live_server)
    _shared_as(phone, live_server, "/drives/flood", "洪灾救援物资募集", PURPOSE)
    _shared_as(phone, live_server, "/signup", "成为志愿者", "协调员")

    icon = phone.locator("link[rel=icon]").get_attribute("href")
    assert _fetch(phone, live_server.url(icon)).body().lstrip().startswith(b"<svg")
    href = phone.locator("link[rel=manifest]").get_attribute("href")
    manifest = json.loads(_fetch(phone, live_server.url(href)).body())
    assert manifest["name"] and manifest["start_url"] == "/"
    for each in manifest["icons"]:
        fetched = _fetch(phone, live_server.url(each["src"]))
        assert fetched.headers["content-type"].startswith(each["type"]), each


def test_first_run_asks_for_receipt_rules_and_address_then_next_steps(
    phone, live_server
):
    from volunteer_hub.organisation.models import Organisation

    # Links that leave the site use the address recorded at set-up here.
    live_server.app.config["PUBLIC_BASE_URL"] = None
    page = phone
    page.goto(live_server.url("/"))
    expect(page).to_have_url(re.compile(r"/setup$"))
    assert no_horizontal_scroll(page)
    page.fill("#name_zh", "燚火社区服务中心")
    page.fill("#public_url", "https://volunteers.example.org")
    expect(page.locator("#jurisdiction")).to_have_value("cn")
    page.select_option("#jurisdiction", "generic")
    page.fill("#admin_name", "周敏")
    page.fill("#admin_email", "admin@example.org")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.get_by_role("button", name="创建机构").click()

    expect(page.locator("h1")).to_have_text("接下来")
    steps = page.locator("ol.steps > li")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("专长")
    expect(steps.nth(1)).to_contain_text("募集")
    expect(steps.nth(2)).to_contain_text("二维码")
    assert no_horizontal_scroll(page)
    with live_server.app.app_context():
        org = db.session.scalar(select(Organisation))
        assert (org.jurisdiction, org.public_url) == (
            "generic",
            "https://volunteers.example.org",
        )
    steps.nth(2).get_by_role("link").click()
    expect(page.locator("#signup-link")).to_have_value(
        "https://volunteers.example.org/signup"
    )
