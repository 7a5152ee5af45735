"""The bilingual shell: language choice, catalogues, error pages, headers, config."""

import re

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from sqlalchemy import text

from tests.conftest import login
from volunteer_hub import ROOT, config, configure, create_app
from volunteer_hub.extensions import db

CATALOGUES = ROOT / "volunteer_hub" / "translations"


@pytest.mark.parametrize("locale", ["zh_Hans", "en"])
def test_catalogues_are_complete(locale):
    with open(CATALOGUES / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalogue = read_po(handle)
    missing = [m.id for m in catalogue if m.id and (not m.string or "fuzzy" in m.flags)]
    assert missing == []
    assert len(catalogue) > 100


def test_language_switch_is_kept_in_the_session(client, org):
    assert 'lang="zh-Hans"' in client.get("/login").get_data(as_text=True)
    page = client.get("/login?lang=en").get_data(as_text=True)
    assert 'lang="en"' in page and "Staff log in" in page
    page = client.get("/login").get_data(as_text=True)
    assert "Staff log in" in page  # remembered
    page = client.get("/login?lang=zh").get_data(as_text=True)
    assert "工作人员登录" in page


def test_accept_language_then_organisation_default(client, make_org):
    make_org(default_locale="en")
    page = client.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert "工作人员登录" in page.get_data(as_text=True)
    page = client.get("/login", headers={"Accept-Language": "en-GB"})
    assert "Staff log in" in page.get_data(as_text=True)
    page = client.get("/login", headers={"Accept-Language": "fr"})
    assert "Staff log in" in page.get_data(as_text=True)  # the organisation default


def test_bogus_lang_values_are_ignored(client, org):
    page = client.get("/login?lang=<script>").get_data(as_text=True)
    assert "工作人员登录" in page and "<script>" not in page


@pytest.mark.parametrize("lang,title", [("zh", "页面不存在"), ("en", "Page not found")])
def test_404_page_in_both_languages(client, org, lang, title):
    response = client.get(f"/nothing-here?lang={lang}")
    assert response.status_code == 404
    assert title in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "lang,text", [("zh", "您没有权限打开此页面"), ("en", "You do not have permission")]
)
def test_403_page_in_both_languages(viewer_client, lang, text):
    response = viewer_client.get(f"/staff?lang={lang}")
    assert response.status_code == 403
    assert text in response.get_data(as_text=True)


def test_500_page_is_friendly_and_rolls_back(app, client, org):
    @app.get("/boom")
    def boom():
        db.session.execute(text("UPDATE organisations SET name_zh = 'changed'"))
        raise RuntimeError("kaboom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom?lang=en")
    assert response.status_code == 500
    assert "Nothing was saved" in response.get_data(as_text=True)
    assert db.session.scalar(text("SELECT name_zh FROM organisations")) == org.name_zh


def test_security_headers(client, org):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    # Each header once, whatever the order the after-request hooks ran in.
    names = [name.lower() for name, _value in response.headers]
    assert len(names) == len(set(names))


def test_a_view_keeps_its_own_security_header(app, client, org):
    @app.get("/framed-by-self")
    def framed():
        return "ok", 200, {"X-Frame-Options": "SAMEORIGIN", "Content-Type": "text/css"}

    response = client.get("/framed-by-self")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    # Not a page: a stylesheet may be cached.
    assert "Cache-Control" not in response.headers
    assert "Strict-Transport-Security" not in response.headers
    app.config["SESSION_COOKIE_SECURE"] = True
    hsts = client.get("/framed-by-self").headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")


def test_the_session_cookie_follows_a_new_secret_key(app, client, org):
    """The cookie's serializer is kept between requests, but only under the
    key it was made with: a cookie of the old key is refused after a change,
    unless the old key is kept as a fallback."""
    client.get("/login?lang=en")
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)
    old = app.secret_key
    app.secret_key = "a-new-key-" + "x" * 40
    assert 'lang="zh-Hans"' in client.get("/login").get_data(as_text=True)
    client.get("/login?lang=en")
    app.secret_key = old
    assert 'lang="zh-Hans"' in client.get("/login").get_data(as_text=True)
    client.get("/login?lang=en")
    app.config["SECRET_KEY_FALLBACKS"] = [old]
    app.secret_key = "another-key-" + "y" * 40
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)


def test_pages_use_no_inline_scripts_or_styles_or_cdn(admin_client):
    for path in ["/", "/staff", "/organisation/", "/audit/", "/messages/"]:
        page = admin_client.get(path).get_data(as_text=True)
        assert "<script>" not in page and 'style="' not in page
        # Nothing is loaded from elsewhere (example addresses in help text are fine).
        assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", page), path


def test_session_cookie_settings(app):
    production = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    production.config.from_object(config.Defaults)
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_secret_key_is_generated_once_and_kept(tmp_path):
    first = config.persistent_secret_key(tmp_path)
    assert len(first) == 64 and first == config.persistent_secret_key(tmp_path)
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_configuration_layers(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("MAIL_SENDER = 'from-file@example.org'\n")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/d")
    monkeypatch.setenv("MAIL_PORT", "2525")
    monkeypatch.setenv("SECRET_KEY", "shared-by-every-machine")
    flask_app = Flask("t", instance_path=str(tmp_path), instance_relative_config=True)
    configure(flask_app, None)
    assert flask_app.config["MAIL_SENDER"] == "from-file@example.org"
    assert flask_app.config["MAIL_PORT"] == 2525
    assert flask_app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/d"
    assert flask_app.config["SECRET_KEY"] == "shared-by-every-machine"


def test_config_file_is_read_from_the_instance_folder_in_use(tmp_path, monkeypatch):
    """VH_INSTANCE_PATH moves instance/config.py with the rest of the folder."""
    (tmp_path / "config.py").write_text("SIGNUP_RATE_LIMIT = '7 per minute'\n")
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "FLASK_DEBUG", "VH_ENV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VH_INSTANCE_PATH", str(tmp_path))
    moved = create_app()
    assert moved.instance_path == str(tmp_path)
    assert moved.config["SIGNUP_RATE_LIMIT"] == "7 per minute"
    with moved.app_context():
        db.engine.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path):
    """Checked on a SQLite app of its own, also when the suite runs on PostgreSQL."""
    sqlite_app = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}",
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    with sqlite_app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        db.engine.dispose()


def test_health_check_reports_database_failure(app, client, org, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "db": "error"}


def test_staff_pages_render_in_both_languages(admin_client):
    for lang, marker in (("zh", "操作日志"), ("en", "Audit log")):
        for path in [
            "/",
            "/staff",
            "/organisation/",
            "/audit/",
            "/messages/",
            "/staff/new",
            "/account/password",
        ]:
            page = admin_client.get(f"{path}?lang={lang}").get_data(as_text=True)
            assert marker in page, (lang, path)


def test_login_page_helps_phones(client, org):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert 'type="email"' in page and 'autocomplete="email"' in page
    assert 'autocomplete="current-password"' in page
    assert '<label for="email">' in page


def test_login_helper_matches_flask_login(client, org, make_user):
    user = make_user()
    login(client, user)
    assert user.name in client.get("/").get_data(as_text=True)
