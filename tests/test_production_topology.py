"""The production topology end to end: ``make run`` on PostgreSQL and Redis.

``tools/serve.py`` starts gunicorn with two workers and an RQ job worker, on a
PostgreSQL database of this test's own (``<base>_topology``, made afresh with
``flask db upgrade``). Everything then happens over HTTP, with CSRF on: set-up,
a volunteer's sign-up, staff log in, a drive, intakes, a receipt, the staff and
donor PDFs, verification by upload, and two batches one after the other, which
must both finish with no failed item (the worker once broke from its second job
on while RQ logged "Job OK").

Without PostgreSQL or Redis the test skips; in CI (``CI`` set) it fails.
``TEST_DATABASE_URL`` (else ``PG_TEST_URL``) names the PostgreSQL server,
``TEST_REDIS_URL`` the Redis database (default 15).
"""

from __future__ import annotations

import os
import re
import subprocess
import time

import psycopg
import pytest
import requests
from sqlalchemy.engine import make_url

from tests.conftest import TEST_PASSWORD
from tests.fixtures.pdf import pdf_text
from tests.fixtures.receipts import seal_png
from tests.fixtures.server import (
    ROOT,
    SERVE,
    csrf_token,
    running,
    server_env,
    web_session,
)

# make test runs it in its SQLite run only (test-postgres leaves "topology" out).
pytestmark = [
    pytest.mark.production,
    pytest.mark.topology,
    pytest.mark.xdist_group("topology"),
]

ADMIN = "admin@topology.example"
QUEUE = "volunteer-hub"


def unavailable(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} does not answer; CI must test the production topology.")
    pytest.skip(f"{what} does not answer (start it to test the production topology)")


def fresh_database() -> str:
    """``<base>_topology`` dropped and created again; its plain URL."""
    base = os.environ.get("TEST_DATABASE_URL") or os.environ.get(
        "PG_TEST_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    url = make_url(base).set(drivername="postgresql")
    name = f"{url.database}_topology"
    try:
        admin = psycopg.connect(
            url.set(database="postgres").render_as_string(hide_password=False),
            autocommit=True,
            connect_timeout=3,
        )
    except psycopg.OperationalError:
        unavailable(f"PostgreSQL at {url.host}:{url.port or 5432}")
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def fresh_redis() -> str:
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown
    from rq import Queue

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    connection = Redis.from_url(url, socket_connect_timeout=3)
    try:
        connection.ping()
    except RedisDown:
        unavailable(f"Redis at {url}")
    # Jobs left by an interrupted run would name rows of the dropped database.
    Queue(QUEUE, connection=connection).delete(delete_jobs=True)
    return url


@pytest.fixture(scope="module")
def topology(tmp_path_factory):
    """(base URL, server log, database DSN) of ``make run``'s processes."""
    database, redis_url = fresh_database(), fresh_redis()
    folder = tmp_path_factory.mktemp("topology")
    environ = server_env(
        folder / "instance",
        database,
        SECRET_KEY="topology-secret",
        WEB_CONCURRENCY=2,
        REDIS_URL=redis_url,
    )
    subprocess.run(
        [*SERVE[:1], "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=environ,
        check=True,
        capture_output=True,
    )
    log = folder / "serve.log"
    with running(SERVE, environ, log):
        yield f"http://127.0.0.1:{environ['PORT']}", log, database


def rows(dsn: str, query: str, *args) -> list[tuple]:
    with psycopg.connect(dsn) as connection:
        return connection.execute(query, args).fetchall()


def post(web, url: str, data: dict, files=None, token_from=None) -> requests.Response:
    """Post a form as a browser does: with the CSRF token of its page."""
    page = web.get(token_from or url, timeout=60)
    assert page.status_code == 200, (url, page.status_code)
    data = {**data, "csrf_token": csrf_token(page.text)}
    return web.post(url, data=data, files=files, timeout=120, allow_redirects=False)


def redirected(answer: requests.Response) -> str:
    assert answer.status_code == 302, answer.text[-2000:]
    return answer.headers["Location"]


def set_up(base: str) -> None:
    web = requests.Session()
    answer = post(
        web,
        f"{base}/setup",
        {
            "name_zh": "拓扑测试志愿者协会",
            "name_en": "Topology Volunteers",
            "registration_code": "51440300MJL000000X",
            "address": "深圳市南山区",
            "contact_name": "周敏",
            "contact_phone": "0755-26000000",
            "contact_email": "office@topology.example",
            "default_locale": "zh_Hans",
            "currency": "CNY",
            "country": "CN",
            "timezone": "Asia/Shanghai",
            "public_url": base,
            "admin_name": "周敏",
            "admin_email": ADMIN,
            "password": TEST_PASSWORD,
            "confirm": TEST_PASSWORD,
        },
    )
    redirected(answer)


def volunteer_signs_up(base: str) -> None:
    web = requests.Session()
    page = web.get(f"{base}/signup", timeout=60).text
    hidden = dict(re.findall(r'name="(\w+)" type="hidden" value="([^"]*)"', page))
    answer = web.post(
        f"{base}/signup",
        data={
            **hidden,
            "name": "王燚",
            "phone": "138 0013 8000",
            "district": "南山区粤海街道",
            "consent": "y",
        },
        timeout=60,
        allow_redirects=False,
    )
    assert redirected(answer).endswith("/signup/done")


def open_drive(web, base: str) -> int:
    """A drive with one valued item (¥30 a case), opened; its id."""
    drive = redirected(
        post(
            web,
            f"{base}/drives/new",
            {"title_zh": "拓扑测试募集", "slug": "topology", "purpose": "饮用水"},
        )
    ).rsplit("/", 1)[1]
    item = {
        "name_zh": "瓶装水",
        "unit": "箱",
        "target_quantity": "1000",
        "reference_unit_value": "30",
        "priority": "1",
    }
    redirected(post(web, f"{base}/drives/{drive}/items/new", item))
    status = {"status": "open"}
    page = f"{base}/drives/{drive}"
    redirected(post(web, f"{page}/status", status, token_from=page))
    return int(drive)


def record_intake(web, base: str, drive: int, donor: str, cases: int) -> int:
    url = f"{base}/drives/{drive}/intake"
    item = re.search(r'<option value="(\d+)"[^>]*>瓶装水', web.get(url).text)
    answer = post(
        web,
        url,
        {
            "donor_name": donor,
            "donor_kind": "person",
            "counted_by_1": "李华",
            "counted_by_2": "王芳",
            "line_count": "1",
            "line-0-item": item.group(1),
            "line-0-quantity_received": str(cases),
            "line-0-condition": "new",
            "line-0-valuation_basis": "market",
        },
    )
    return int(redirected(answer).rsplit("/", 1)[1])


def issue_receipt(web, base: str, intake: int) -> int:
    url = f"{base}/receipts/intakes/{intake}/issue"
    answer = post(web, url, {"language": "bilingual", "page_size": "A4"})
    return int(redirected(answer).rsplit("/", 1)[1])


def verify_upload(base: str, code: str, pdf: bytes) -> str:
    url = f"{base}/receipts/verify/{code}?lang=en"
    files = {"document": ("receipt.pdf", pdf, "application/pdf")}
    answer = post(requests.Session(), url, {}, files=files)
    assert answer.status_code == 200, answer.text[-2000:]
    return answer.text


def donor_pdf(web, base: str, donor: int, receipt: int) -> bytes:
    """The PDF as the donor gets it, through the personal link staff hand out."""
    page = f"{base}/drives/donors/{donor}"
    shown = post(web, f"{base}/receipts/donors/{donor}/link", {}, token_from=page)
    link = re.search(r'value="(http[^"]+/receipts/my/[^"]+)"', shown.text).group(1)
    donor_web = requests.Session()
    page = donor_web.get(link, timeout=60)
    assert page.status_code == 200
    assert "/receipts/my/" in page.text and f"/{receipt}.pdf" in page.text
    answer = donor_web.get(f"{link}/{receipt}.pdf", timeout=120)
    assert answer.status_code == 200
    return answer.content


def run_batch(web, base: str, drive: int, log) -> dict:
    """Start the drive's batch from its page and wait for it to finish."""
    batch = f"{base}/receipts/drives/{drive}/batch"
    page = redirected(post(web, batch, {}, token_from=f"{base}/receipts/batches"))
    job = re.search(r"/jobs/(\d+)$", page).group(1)
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline:
        state = web.get(f"{base}/jobs/{job}.json", timeout=30).json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.3)
    raise AssertionError(
        f"batch {job} did not finish: {state}\n{log.read_text()[-4000:]}"
    )


def test_make_run_on_postgresql_and_redis_end_to_end(topology):
    base, log, dsn = topology
    set_up(base)
    volunteer_signs_up(base)
    assert rows(dsn, "SELECT name, status FROM volunteers") == [("王燚", "pending")]
    web = web_session(base, ADMIN, TEST_PASSWORD)
    files = {"image": ("seal.png", seal_png(), "image/png")}
    seal = post(
        web, f"{base}/organisation/image/seal", {}, files, f"{base}/organisation/"
    )
    redirected(seal)

    drive = open_drive(web, base)
    intake = record_intake(web, base, drive, "张三", 50)
    receipt = issue_receipt(web, base, intake)
    [(number, code, donor)] = rows(
        dsn, "SELECT number, verify_code, donor_id FROM receipts WHERE id = %s", receipt
    )
    staff = web.get(f"{base}/receipts/{receipt}/pdf", timeout=120)
    assert staff.status_code == 200, log.read_text()[-3000:]
    assert staff.content.startswith(b"%PDF") and number in pdf_text(staff.content)

    original = donor_pdf(web, base, donor, receipt)
    assert number in pdf_text(original)
    assert "exactly the one issued" in verify_upload(base, code, original)
    forged = verify_upload(base, code, original + b"% one more line\n")
    assert "NOT a receipt exactly as we issued it" in forged

    for round_, donors in enumerate((["李四", "王五", "赵六"], ["钱七", "孙八"])):
        waiting = [record_intake(web, base, drive, name, 10) for name in donors]
        state = run_batch(web, base, drive, log)
        assert (state["status"], state["failed"], state["done"]) == (
            "done",
            0,
            len(donors),
        ), f"batch {round_ + 1}: {state}\n{log.read_text()[-4000:]}"
        issued = rows(
            dsn, "SELECT intake_id FROM receipts WHERE intake_id = ANY(%s)", waiting
        )
        assert sorted(i for (i,) in issued) == sorted(waiting)
    # Two gunicorn workers served all this, and the RQ worker ran the batches.
    served = log.read_text()
    assert served.count("Booting worker with pid") >= 2
    assert served.count(f"{QUEUE}: Job OK") == 2
