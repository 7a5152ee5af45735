"""Reports as a board member or coordinator would read them, on the demo data.

A viewer logs in, finds the reports in the menu, reads a drive report on the
screen (charts, tables stacked on a phone, no sideways scrolling), tries a
period that ends before it starts, then reads the annual summary and the
volunteer report in English; the PDF and CSV links answer with their files.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, no_horizontal_scroll
from volunteer_hub.demo import DEMO_PASSWORD


def _seed(live_server):
    from volunteer_hub.demo import run_loaders
    from volunteer_hub.extensions import db

    with live_server.app.app_context():
        run_loaders()
        db.session.commit()


def _open_reports(page):
    if page.screen == "phone":
        page.click("details.menu summary")
        page.locator("details.menu").get_by_role("link", name="报表").click()
    else:
        page.locator(".menu-wide").get_by_role("link", name="报表").click()
    expect(page.locator("h1")).to_have_text("报表")


def _smallest_chart_label(page) -> float:
    """The smallest chart label as drawn, in CSS px: the font size times the
    scale of its SVG (a viewBox shrinks with the screen)."""
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll("figure.chart svg text")]
            .map(t => parseFloat(getComputedStyle(t).fontSize)
                      * t.ownerSVGElement.getScreenCTM().a))"""
    )


def test_reading_reports_on_phone_and_desktop(any_screen, live_server):
    page = any_screen
    _seed(live_server)
    log_in(page, live_server, "viewer@demo.example", "王芳", DEMO_PASSWORD)
    _open_reports(page)
    assert no_horizontal_scroll(page)

    page.locator(".rows a").first.click()
    expect(page.locator("h1")).to_contain_text("募集报告")
    expect(page.locator("figure.chart svg").first).to_be_visible()
    # Labels drawn at all (Math.min of none is Infinity), and readable on a
    # phone (issue 14).
    assert page.locator("figure.chart svg text").count() > 0
    assert _smallest_chart_label(page) >= 12
    expect(page.locator("#items tbody tr").first).to_be_visible()
    assert no_horizontal_scroll(page)
    href = page.locator("text=PDF（打印用）").get_attribute("href")
    pdf = page.request.get(live_server.url(href))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    href = page.locator("text=CSV（电子表格用）").get_attribute("href")
    csv = page.request.get(live_server.url(href))
    assert csv.ok and csv.body().startswith(b"\xef\xbb\xbf")

    page.locator("summary", has_text="选择期间和筛选条件").click()
    page.fill("#start", "2026-05-01")
    page.fill("#end", "2026-04-01")
    page.get_by_role("button", name="查看报表").click()
    expect(page.locator(".field-error")).to_be_visible()
    expect(page.locator("#items")).to_have_count(0)

    page.goto(live_server.url("/reports/annual?lang=en"))
    expect(page.locator("h1")).to_contain_text(re.compile(r"Annual summary \d{4}"))
    expect(page.locator("#months tbody tr")).to_have_count(12)
    assert no_horizontal_scroll(page)

    page.goto(live_server.url("/reports/volunteers"))
    expect(page.locator("h2", has_text="Hours by specialty")).to_be_visible()
    assert no_horizontal_scroll(page)
