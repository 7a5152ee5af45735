"""Browser tests: the app served on a local port, Debian's Chromium driven by
Playwright, and an axe-core scan of every page a test visits.

Fixtures:
- ``live_server``: a fresh application and database served on 127.0.0.1; has
  ``.url(path)`` and ``.app`` (use ``with live_server.app.app_context():`` to seed).
- ``phone`` / ``desktop``: a Playwright page at 390×844 (touch) or 1280×800.
  Every page load is scanned with axe-core after the test step that caused it;
  serious or critical violations and Content-Security-Policy violations fail the
  test at teardown, listed with the URL they were found on.
  So do console errors, uncaught script errors, and sub-resources (scripts,
  styles, images, fetches) that fail or answer 400 or more. A test that expects
  one says so: ``page.allow_error("text in the finding")``.

Helpers: ``log_in(page, live_server, …)`` through the log-in form (``PASSWORD`` is
the password the tests give the staff they create); ``no_horizontal_scroll(page)``.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import WSGIRequestHandler, make_server

from volunteer_hub import create_app
from volunteer_hub.extensions import db

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}

pytestmark = pytest.mark.browser
# What Chromium fetches on its own after a page loads (the icon, the manifest):
# a click that navigates may cut these off mid-way, which is no fault of the page.
BROWSER_FETCHES = {"other", "manifest"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # One xdist worker runs all browser tests: one Chromium at a time.
            item.add_marker(pytest.mark.xdist_group("browser"))


class OneRequestPerConnection(WSGIRequestHandler):
    """Close every connection after its answer.

    With keep-alive, Chromium may send the next request on a connection the
    development server is closing at that moment, and the page then reports
    net::ERR_CONNECTION_RESET for a file that is there: a race of the test
    server, not a fault of the page (gunicorn, which production runs, is not
    involved). One request per connection removes the race.
    """

    protocol_version = "HTTP/1.0"


class LiveServer:
    def __init__(self, app):
        self.app = app
        self._server = make_server(
            "127.0.0.1", 0, app, threaded=True, request_handler=OneRequestPerConnection
        )
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def live_server(tmp_path):
    app = create_app(
        {
            "SECRET_KEY": "browser-test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.sqlite3'}",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "RATELIMIT_ENABLED": False,
            "LISTEN_HOST": "127.0.0.1",  # the live server listens on loopback only
        }
    )
    with app.app_context():
        db.create_all()
    server = LiveServer(app)
    # Links that leave the site (personal links, QR codes) name the public
    # address, never the Host header: here that is the live server itself.
    app.config["PUBLIC_BASE_URL"] = server.url("").rstrip("/")
    server.start()
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test` as root to install it"
        )
    if not AXE_PATH.exists():
        pytest.fail("axe-core missing: run `npm install` (make test does)")
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    manager.stop()


class Scanner:
    """Collects axe-core and CSP findings for every page load of one page object."""

    IMPACTS = {"serious", "critical"}

    def __init__(self, page):
        self.page = page
        self.axe_source = AXE_PATH.read_text(encoding="utf-8")
        self.findings: list[str] = []
        self.scanned: list[str] = []
        self.allowed: list[str] = []
        self._pending = False
        page.on("load", self._loaded)
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.allow_error = self.allowed.append

    def _loaded(self, _page):
        self._pending = True

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.findings.append(f"CSP on {self.page.url}: {message.text}")
        elif message.type == "error" and not message.text.startswith(
            "Failed to load resource"  # reported with its URL by _response
        ):
            self.findings.append(f"console error on {self.page.url}: {message.text}")

    def _page_error(self, error):
        self.findings.append(f"uncaught script error on {self.page.url}: {error}")

    def _request_failed(self, request):
        failure = request.failure or ""
        if "ERR_ABORTED" in failure:
            return  # the page navigated away first, or a download
        if request.resource_type in BROWSER_FETCHES and "net::" in failure:
            return  # the icon the browser fetched itself, cut off by navigation
        self.findings.append(
            f"request failed on {self.page.url}: {request.method} {request.url} "
            f"({failure})"
        )

    def _response(self, response):
        # Documents may answer 4xx on purpose (a 404 page, a form's 400); the
        # files a page loads may not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.findings.append(
                f"HTTP {response.status} on {self.page.url}: "
                f"{response.request.method} {response.url}"
            )

    def unexpected(self) -> list[str]:
        return [
            finding
            for finding in self.findings
            if not any(allowed in finding for allowed in self.allowed)
        ]

    def scan(self):
        """Run axe on the current page (the fixtures call this after every load)."""
        self._pending = False
        page = self.page
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source + "\n;undefined")
        result = page.evaluate(
            """async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
            }"""
        )
        self.scanned.append(page.url)
        for violation in result:
            if violation["impact"] in self.IMPACTS:
                self.findings.append(
                    f"axe {violation['impact']} {violation['id']} on {page.url}: "
                    f"{violation['help']} at {violation['nodes']}"
                )

    def scan_if_new_page(self):
        if self._pending:
            self.scan()


def _instrumented_page(browser, options):
    context = browser.new_context(locale="zh-CN", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    scanner = Scanner(page)
    # Scan after every action that may have loaded a new page.
    for name in (
        "goto",
        "click",
        "check",
        "uncheck",
        "select_option",
        "fill",
        "press",
        "go_back",
        "reload",
        "set_input_files",
    ):
        original = getattr(page, name)

        def wrapped(*args, __original=original, **kwargs):
            result = __original(*args, **kwargs)
            scanner.scan_if_new_page()
            return result

        setattr(page, name, wrapped)
    page.scanner = scanner
    return context, page


def _server_outlives_the_page(request) -> None:
    """Set up the test's live server before its page, so that pytest stops it
    after the page is finished: a test that ends on a click which navigates
    leaves the new page's style sheet and script in flight, and a server
    stopped first would answer them with a reset connection."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("live_server")


def _finish(context, page):
    scanner = page.scanner
    try:
        # Let the last page finish loading (its files, then axe) while the
        # server still runs; a page that never loads is the test's own failure.
        page.wait_for_load_state("load")
        scanner.scan_if_new_page()
    finally:
        context.close()
    assert scanner.scanned, "the test visited no page"
    unexpected = scanner.unexpected()
    assert not unexpected, "\n".join(unexpected)


@pytest.fixture
def phone(request, _playwright):
    _server_outlives_the_page(request)
    context, page = _instrumented_page(_playwright, PHONE)
    yield page
    _finish(context, page)


@pytest.fixture
def desktop(request, _playwright):
    _server_outlives_the_page(request)
    context, page = _instrumented_page(_playwright, DESKTOP)
    yield page
    _finish(context, page)


@pytest.fixture(params=["phone", "desktop"])
def any_screen(request, _playwright):
    """Runs the test twice: on a phone-sized and on a desktop-sized page."""
    _server_outlives_the_page(request)
    context, page = _instrumented_page(
        _playwright, PHONE if request.param == "phone" else DESKTOP
    )
    page.screen = request.param
    yield page
    _finish(context, page)


def no_horizontal_scroll(page) -> bool:
    """True when the page fits the viewport's width (nothing scrolls sideways)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


PASSWORD = "a-long-password-2026"


def log_in(page, live_server, email="li@example.org", name="李华", password=PASSWORD):
    """Log in through the form, as a person does, and wait for the staff home
    page, whose heading greets ``name``."""
    page.goto(live_server.url("/login"))
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text(name)
