"""A newcomer sets up the organisation, logs in, switches language, sees errors."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, no_horizontal_scroll


def _set_up(page, live_server):
    page.goto(live_server.url("/"))
    expect(page).to_have_url(re.compile(r"/setup$"))
    page.fill("#name_zh", "燚火社区服务中心")
    page.fill("#name_en", "Yi Fire Community Centre")
    page.fill("#admin_name", "周敏")
    page.fill("#admin_email", "admin@example.org")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("button[type=submit], input[type=submit]")


def test_setup_then_login_and_language_switch(any_screen, live_server):
    page = any_screen
    _set_up(page, live_server)
    # Set-up ends on the next steps (specialties, a drive, the sign-up QR code).
    expect(page.locator("h1")).to_contain_text("接下来")
    page.goto(live_server.url("/"))
    expect(page.locator("h1")).to_contain_text("周敏")
    assert no_horizontal_scroll(page)
    expect(page.locator(".brand")).to_contain_text("燚火社区服务中心")

    # Log out (on a phone the menu is folded away first).
    if page.screen == "phone":
        page.click("details.menu summary")
        page.locator("details.menu").get_by_role(
            "button", name=re.compile("退出")
        ).click()
    else:
        page.locator(".menu-wide").get_by_role(
            "button", name=re.compile("退出")
        ).click()
    expect(page).to_have_url(re.compile(r"/login$"))

    # A wrong password is refused with a message in Chinese.
    page.fill("#email", "admin@example.org")
    page.fill("#password", "wrong-password-123")
    page.click("input[type=submit]")
    expect(page.locator(".alert-error")).to_contain_text("邮箱或密码不正确")

    page.fill("#email", "admin@example.org")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("周敏")

    page.click("text=English")
    expect(page.locator("h1")).to_contain_text("Hello, 周敏")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert no_horizontal_scroll(page)


def test_staff_management_and_error_pages(desktop, live_server):
    page = desktop
    _set_up(page, live_server)
    page.goto(live_server.url("/staff/new"))
    page.fill("#name", "李华")
    page.fill("#email", "li@example.org")
    page.select_option("#role", "viewer")
    page.click("input[type=submit]")
    link = page.locator("#invite-link").input_value()
    assert "/invitation/" in link

    page.goto(live_server.url("/no-such-page"))
    expect(page.locator("h1")).to_have_text("页面不存在")
    page.goto(live_server.url("/no-such-page?lang=en"))
    expect(page.locator("h1")).to_have_text("Page not found")

    # The invited viewer sets a password in a separate browser context.
    context = page.context.browser.new_context()
    other = context.new_page()
    other.goto(link)
    other.fill("#password", PASSWORD)
    other.fill("#confirm", PASSWORD)
    other.click("input[type=submit]")
    expect(other.locator("h1")).to_contain_text("李华")
    other.goto(live_server.url("/staff"))
    expect(other.locator("h1")).to_have_text("Not allowed")
    context.close()


def test_the_accessibility_scan_reports_real_violations(phone, live_server):
    """The scanner itself works: a page with an unlabeled input is reported."""
    phone.goto(live_server.url("/setup"))
    assert phone.scanner.scanned and not phone.scanner.findings
    phone.evaluate(
        "() => { const i = document.createElement('input');"
        " document.querySelector('label[for=name_zh]').remove();"
        " document.body.append(i); }"
    )
    phone.scanner.scan()
    assert any("label" in finding for finding in phone.scanner.findings)
    phone.scanner.findings.clear()


def test_inline_styles_would_be_blocked_and_reported(phone, live_server):
    """The Content-Security-Policy blocks inline scripts, and the fixture notices."""
    phone.goto(live_server.url("/setup"))
    phone.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.append(s); }"
    )
    phone.wait_for_timeout(200)
    assert phone.evaluate("() => window.injected") is None
    assert any("CSP" in finding for finding in phone.scanner.findings)
    phone.scanner.findings.clear()


def test_script_errors_and_failed_requests_are_reported(phone, live_server):
    phone.goto(live_server.url("/login"))
    phone.evaluate(
        """() => {
            console.error("boom in the console");
            setTimeout(() => { throw new Error("boom uncaught"); });
            const image = document.createElement("img");
            image.alt = "";
            image.src = "/static/missing.png";
            document.body.append(image);
        }"""
    )
    phone.wait_for_timeout(500)
    findings = "\n".join(phone.scanner.findings)
    assert "console error" in findings and "boom in the console" in findings
    assert "uncaught script error" in findings and "boom uncaught" in findings
    assert "HTTP 404" in findings and "/static/missing.png" in findings
    # Expected, so said explicitly: the teardown check then passes.
    phone.allow_error("boom")
    phone.allow_error("missing.png")
