"""What static/js/app.js adds to the pages, on the demo data: copy buttons,
confirmations before destructive actions, the double-submit guard, the
certificate fields of a "certified" skill, and the intake's "other goods" fields.
A script that does not parse fails every test here (and, through the fixtures,
every browser test: an uncaught error on any page fails it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in
from volunteer_hub import clock
from volunteer_hub.demo import DEMO_PASSWORD
from volunteer_hub.extensions import db


@pytest.fixture
def demo(live_server):
    from volunteer_hub.demo import run_loaders

    with live_server.app.app_context():
        run_loaders()
        db.session.commit()
    return live_server


def _one(live_server, statement):
    with live_server.app.app_context():
        return db.session.scalar(statement.limit(1))


def _confirmed(page, button, state) -> None:
    """Clicking ``button`` asks first: "no" sends nothing and ``state()`` stays
    as it was; "yes" posts the form."""
    questions, posts = [], []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))
    before = state()

    def answer(accept):
        def handle(dialog):
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handle

    page.once("dialog", answer(False))
    button.click()
    page.wait_for_timeout(300)
    assert (len(questions), posts, state()) == (1, [], before)
    page.once("dialog", answer(True))
    with page.expect_navigation():
        button.click()
    assert (len(questions), len(posts)) == (2, 1)


def _reverse(page, live_server, url, summary, button, state):
    page.goto(live_server.url(url))
    panel = page.locator("details", has=page.locator("summary", has_text=summary))
    panel.locator("summary").click()
    panel.locator("[name$=reason]").fill("录入错误")
    _confirmed(page, panel.get_by_role("button", name=button), state)


def test_destructive_buttons_ask_first(desktop, demo):
    from volunteer_hub.drives.models import Drive
    from volunteer_hub.drives.models_stock import Distribution, Intake
    from volunteer_hub.projects.models import Shift

    page = desktop
    log_in(page, demo, "coordinator@demo.example", password=DEMO_PASSWORD)
    reversed_ = select(Intake.reverses_id).where(Intake.reverses_id.is_not(None))
    intake = _one(
        demo,
        select(Intake.id).where(
            Intake.reverses_id.is_(None), Intake.id.not_in(reversed_)
        ),
    )
    reversals = select(Intake.id).where(Intake.reverses_id == intake)
    _reverse(
        page,
        demo,
        f"/drives/intakes/{intake}",
        "更正错误",
        "冲销入库",
        lambda: _one(demo, reversals),
    )
    undone_ = select(Distribution.reverses_id).where(
        Distribution.reverses_id.is_not(None)
    )
    given = _one(
        demo,
        select(Distribution.id).where(
            Distribution.reverses_id.is_(None), Distribution.id.not_in(undone_)
        ),
    )
    undone = select(Distribution.id).where(Distribution.reverses_id == given)
    _reverse(
        page,
        demo,
        f"/drives/distributions/{given}",
        "更正错误",
        "冲销发放",
        lambda: _one(demo, undone),
    )

    shift = _one(demo, select(Shift.id).where(Shift.starts_at > clock.now()))
    cancelled = select(Shift.cancelled_at).where(Shift.id == shift)
    _reverse(
        page,
        demo,
        f"/projects/shifts/{shift}",
        "取消此班次",
        "取消班次",
        lambda: _one(demo, cancelled),
    )
    assert _one(demo, cancelled) is not None

    drive = _one(demo, select(Drive.id).where(Drive.status == "open"))
    status = select(Drive.status).where(Drive.id == drive)
    page.goto(demo.url(f"/drives/{drive}"))
    _confirmed(
        page,
        page.get_by_role("button", name="结束募集"),
        lambda: _one(demo, status),
    )
    assert _one(demo, status) == "closed"


def test_copy_button_copies_the_link(phone, demo):
    phone.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=demo.url("")
    )
    log_in(phone, demo, "coordinator@demo.example", password=DEMO_PASSWORD)
    phone.goto(demo.url("/volunteers/poster"))
    button = phone.locator("[data-copy='#signup-link']")
    expect(button).to_have_text("复制链接")
    button.click()
    expect(button).to_have_text("已复制 ✓")
    link = phone.locator("#signup-link").input_value()
    assert phone.evaluate("navigator.clipboard.readText()") == link


def test_a_form_is_posted_once_however_often_it_is_tapped(phone, demo):
    phone.goto(demo.url("/login"))
    phone.fill("#email", "coordinator@demo.example")
    phone.fill("#password", DEMO_PASSWORD)
    # Two submits before the first answer arrives, as from a double tap.
    prevented = phone.evaluate(
        """() => {
            const seen = [];
            document.addEventListener("submit", e => seen.push(e.defaultPrevented));
            const form = document.querySelector("form[method=post]");
            const button = form.querySelector("[type=submit]");
            form.requestSubmit(button);
            form.requestSubmit(button);
            return seen;
        }"""
    )
    assert prevented == [False, True]
    expect(phone.locator("h1")).to_contain_text("李华")


def test_certified_opens_the_certificate_fields(phone, demo):
    # The public sign-up leaves certificates for later; the full form has them.
    log_in(phone, demo, "coordinator@demo.example", password=DEMO_PASSWORD)
    phone.goto(demo.url("/volunteers/new"))
    skill = phone.locator(".specialty").first
    details = skill.locator("details.cert")
    assert not details.evaluate("d => d.open")
    skill.locator("select").select_option("certified")
    expect(details).to_have_attribute("open", "")


def test_intake_shows_other_goods_fields_only_when_chosen(desktop, demo):
    from volunteer_hub.drives.models import Drive

    drive = _one(demo, select(Drive.id).where(Drive.status == "open"))
    log_in(desktop, demo, "coordinator@demo.example", password=DEMO_PASSWORD)
    desktop.goto(demo.url(f"/drives/{drive}/intake"))
    other = desktop.locator(".other-item").first
    expect(other).to_be_hidden()
    desktop.locator(".intake-line select").first.select_option("other")
    expect(other).to_be_visible()
    desktop.locator(".intake-line select").first.select_option(index=1)
    expect(other).to_be_hidden()


SKIP_LINKS = ("logout", ".pdf", ".csv", ".ics", ".json", "/pdf", "/csv", "lang=")


def _links(page, origin) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return [
        href.split("#")[0]
        for href in hrefs
        if href.startswith(origin) and not any(s in href for s in SKIP_LINKS)
    ]


def _crawl(page, live_server, starts: list[str], limit: int = 80) -> set[str]:
    """Visit the pages reachable by links from ``starts``, breadth first."""
    origin = live_server.url("")
    queue, seen = [live_server.url(path) for path in starts], set()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        assert response.status < 500, url
        queue.extend(_links(page, origin))
    return seen


def test_staff_pages_of_the_demo_load_cleanly(desktop, demo):
    """Every page an administrator reaches by links from the home page (up to
    80) loads with no script error, console error or failed file."""
    from volunteer_hub.demo import DEMO_STAFF

    desktop.goto(demo.url("/login"))
    desktop.fill("#email", DEMO_STAFF[0][0])
    desktop.fill("#password", DEMO_PASSWORD)
    desktop.click("input[type=submit]")
    assert len(_crawl(desktop, demo, ["/"])) >= 30  # it reached the features


def test_public_pages_of_the_demo_load_cleanly(phone, demo):
    from volunteer_hub.drives.models import Drive

    slug = _one(demo, select(Drive.slug).where(Drive.status == "open"))
    starts = ["/", f"/drives/{slug}", "/signup", "/receipts/verify"]
    assert len(_crawl(phone, demo, starts, limit=30)) >= 4
