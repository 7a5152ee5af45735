"""Fixtures every feature's tests share.

- ``app``: the application on a test database (SQLite file, or PostgreSQL when
  ``TEST_DATABASE_URL`` is set); tables are created once and emptied after each test.
- ``client``, ``runner``; ``org`` creates the organisation profile.
- ``make_user(role=..., **overrides)``, ``login(client, user)``,
  ``client_as("coordinator")`` for a logged-in client of a role.
- Marks: ``csrf`` turns CSRF protection on (off otherwise, to keep tests short),
  ``ratelimit`` turns rate limits on.
"""

from __future__ import annotations

import os
import re

import pytest
from argon2 import PasswordHasher
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from volunteer_hub import create_app
from volunteer_hub.auth import passwords
from volunteer_hub.extensions import db

# Feature fixtures (make_volunteer, make_drive …); each feature adds its line.
pytest_plugins = [
    "tests.fixtures.volunteers",
    "tests.fixtures.drives",
    "tests.fixtures.projects",
    "tests.fixtures.receipts",
    "tests.fixtures.reports",
    "tests.fixtures.resources",
]

TEST_PASSWORD = "correct horse battery"
_schema_ready: set[str] = set()
_sequence_names: dict[str, list[str]] = {}


def pytest_configure(config):
    config.addinivalue_line("markers", "csrf: run with CSRF protection on")
    config.addinivalue_line("markers", "ratelimit: run with rate limits on")
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")
    config.addinivalue_line(
        "markers", "production: real gunicorn and worker processes (make run's shape)"
    )
    config.addinivalue_line(
        "markers", "topology: make run on its own PostgreSQL database and Redis"
    )
    config.addinivalue_line(
        "markers", "slow: builds or starts something real (a venv, a worker process)"
    )


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL run (``TEST_DATABASE_URL``), leave out the tests that
    use no database: every test that does reaches it through ``database_url``
    (``app`` and the clients included), and the others (imports, numerals, the
    solver, PDF fonts, QR codes …) ran with the same result in the SQLite run.
    pytest reports them as deselected."""
    if not os.environ.get("TEST_DATABASE_URL"):
        return
    uses = {item: "database_url" in getattr(item, "fixturenames", ()) for item in items}
    kept = [item for item in items if uses[item]]
    left = [item for item in items if not uses[item]]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """Argon2 with tiny costs: the tests check behaviour, not hashing strength."""
    original = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    yield
    passwords._hasher = original


def _postgres_url_for_worker(base: str, worker: str) -> str:
    """A database of its own for each xdist worker, created when missing."""
    import psycopg

    url = make_url(base)
    name = f"{url.database}_{worker}" if worker != "master" else url.database
    admin = url.set(drivername="postgresql", database=url.database)
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(drivername="postgresql+psycopg", database=name).render_as_string(
        hide_password=False
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id):
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        return _postgres_url_for_worker(base, worker_id)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def _empty_all_tables() -> None:
    """Every row deleted, and on PostgreSQL every id sequence started again.

    PostgreSQL: DELETE and ``setval`` take ~8 ms for the 52 tables, where
    ``TRUNCATE … RESTART IDENTITY`` took ~110 ms (it gives each table new
    files), after every one of some 950 tests."""
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    if db.engine.dialect.name == "postgresql":
        restart = ", ".join(f"setval('{name}', 1, false)" for name in _sequences())
        db.session.execute(text(f"SELECT {restart}"))
    db.session.commit()


def _sequences() -> list[str]:
    """The PostgreSQL sequences of the schema (the tables' ids), looked up once."""
    url = str(db.engine.url)
    if url not in _sequence_names:
        _sequence_names[url] = list(
            db.session.scalars(
                text(
                    "SELECT quote_ident(sequencename) FROM pg_sequences"
                    " WHERE schemaname = current_schema() ORDER BY 1"
                )
            )
        )
    return _sequence_names[url]


class FreshContextClient(FlaskClient):
    """A test client whose every request gets its own application context.

    Tests run inside one long application context (so they can use ``db.session``);
    without this, requests would share its ``g`` and database session, hiding bugs
    that only show when each request starts clean, as in production. What the test
    added is committed first; afterwards the test's session reloads what it reads.
    """

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(request, database_url, tmp_path):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": request.node.get_closest_marker("csrf") is not None,
        "RATELIMIT_ENABLED": request.node.get_closest_marker("ratelimit") is not None,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "SERVER_NAME": None,
        # As under `make run`: a visitor on this machine needs no set-up code.
        "LISTEN_HOST": "127.0.0.1",
    }
    app = create_app(config)
    app.test_client_class = FreshContextClient
    with app.app_context():
        if database_url not in _schema_ready:
            db.drop_all()
            db.create_all()
            _schema_ready.add(database_url)
        yield app
        db.session.rollback()
        _empty_all_tables()
        db.session.remove()
        # Each test builds its own app and engine: close its pool, or PostgreSQL
        # runs out of connection slots over a long suite.
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_org(app):
    """Create the organisation profile; keyword arguments override the defaults."""

    def make(**overrides):
        from volunteer_hub.organisation.services import create_organisation

        values = {
            "name_zh": "测试志愿者协会",
            "name_en": "Test Volunteer Association",
            "registration_code": "51440300TEST00001X",
            "address": "深圳市南山区测试路 1 号",
            "contact_email": "office@test.example",
            "default_locale": "zh_Hans",
            "currency": "CNY",
            "country": "CN",
            "timezone": "Asia/Shanghai",
            "jurisdiction": "cn",
        }
        org = create_organisation(**{**values, **overrides})
        db.session.commit()
        return org

    return make


@pytest.fixture
def org(make_org):
    return make_org()


@pytest.fixture
def make_user(app):
    """Create a staff account; ``password=None`` leaves it invited, not set up."""
    counter = iter(range(1, 10_000))

    def make(role="coordinator", **overrides):
        from volunteer_hub.auth.services import create_user

        n = next(counter)
        values = {
            "email": f"{role}{n}@test.example",
            "name": f"{role.title()} {n}",
            "role": role,
            "password": TEST_PASSWORD,
        }
        values.update(overrides)
        active = values.pop("active", True)
        user = create_user(**values)
        user.active = active
        db.session.commit()
        return user

    return make


def login(client, user) -> None:
    """Log ``user`` in on ``client`` by writing the session, as Flask-Login would."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def client_as(app, org, make_user):
    """A logged-in test client for a role: ``client_as("viewer")``."""

    def make(role="coordinator"):
        user = make_user(role=role)
        new_client = app.test_client()
        login(new_client, user)
        new_client.user = user
        return new_client

    return make


@pytest.fixture
def admin_client(client_as):
    return client_as("admin")


@pytest.fixture
def coordinator_client(client_as):
    return client_as("coordinator")


@pytest.fixture
def viewer_client(client_as):
    return client_as("viewer")


def csrf_token_from(html: str) -> str:
    """The CSRF token rendered in a page's form."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    if match is None:
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)
