"""Receipts issued at once through four gunicorn workers on SQLite (``make run``).

Each request renders a real PDF while it holds SQLite's write lock. Before
issuers queued for that lock, the others polled through the busy timeout and,
under load (280 requests), some gave up with 500 "database is locked". A busy
timeout shorter than one render makes the same happen with a few requests.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from tests.conftest import TEST_PASSWORD
from tests.fixtures.server import SERVE, csrf_token, running, server_env, web_session
from volunteer_hub.extensions import db
from volunteer_hub.receipts.models import Receipt

pytestmark = pytest.mark.production
RECEIPTS = 16


def issue_over_http(web, base: str, intake_id: int) -> int:
    page = f"{base}/receipts/intakes/{intake_id}/issue"
    token = csrf_token(web.get(page, timeout=120).text)
    answer = web.post(
        page,
        data={"language": "bilingual", "page_size": "A4", "csrf_token": token},
        timeout=120,
        allow_redirects=False,
    )
    return answer.status_code


def test_concurrent_issuing_on_sqlite_through_four_workers(
    database_url, tmp_path, make_donor_intake, make_user
):
    if not database_url.startswith("sqlite"):
        pytest.skip("the SQLite write lock; PostgreSQL has its own test")
    user = make_user(role="coordinator")
    ids = [make_donor_intake(water=n + 1).id for n in range(RECEIPTS)]
    db.session.commit()
    environ = server_env(
        tmp_path / "instance",
        database_url,
        SECRET_KEY="s",
        WEB_CONCURRENCY=4,
        SQLITE_BUSY_TIMEOUT_MS=200,
    )
    base = f"http://127.0.0.1:{environ['PORT']}"
    with running(SERVE, environ, tmp_path / "serve.log"):
        web = web_session(base, user.email, TEST_PASSWORD)
        # Logging in starts a fresh session: let one page put the CSRF token in
        # it first, or the concurrent first pages would each make their own.
        web.get(f"{base}/receipts/intakes/{ids[0]}/issue", timeout=120)
        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda i: issue_over_http(web, base, i), ids))
    assert codes == [302] * RECEIPTS, (tmp_path / "serve.log").read_text()[-3000:]
    db.session.expire_all()
    receipts = db.session.scalars(select(Receipt)).all()
    assert sorted(r.seq for r in receipts) == list(range(1, RECEIPTS + 1))
    assert sorted(r.intake_id for r in receipts) == sorted(ids)
