"""Volunteer Hub: volunteers, in-kind drives and paperwork for small organisations."""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# ``extensions`` as a module: ``from volunteer_hub.extensions import db`` here
# would hide the module ``volunteer_hub.db`` (which migrations name).
from volunteer_hub import backup, demo, extensions, lists, numbers, panels, sharing
from volunteer_hub import config as config_module
from volunteer_hub.catalogues import compiled_translations
from volunteer_hub.errors import register_error_handlers
from volunteer_hub.i18n import (
    remember_requested_language,
    select_locale,
    select_timezone,
)
from volunteer_hub.ids import IdConverter
from volunteer_hub.routing import LazyRule
from volunteer_hub.security import SessionCookies, register_security_headers
from volunteer_hub.shell import register_shell

ROOT = Path(__file__).resolve().parent.parent

# Feature packages in the layout of docs/ARCHITECTURE.md, in the order their
# ``init_app(app)`` runs: each registers its blueprint, commands and receivers.
FEATURES = (
    "volunteer_hub.main",
    "volunteer_hub.auth",
    "volunteer_hub.organisation",
    "volunteer_hub.audit",
    "volunteer_hub.outbox",
    "volunteer_hub.volunteers",
    "volunteer_hub.drives",
    "volunteer_hub.jobs",
    "volunteer_hub.projects",
    "volunteer_hub.receipts",
    "volunteer_hub.reports",
    "volunteer_hub.resources",
)

# Modules that define models, imported so that metadata and migrations see them.
MODEL_MODULES = (
    "volunteer_hub.organisation.models",
    "volunteer_hub.auth.models",
    "volunteer_hub.audit.models",
    "volunteer_hub.outbox.models",
    "volunteer_hub.numbering",
    "volunteer_hub.throttle",
    "volunteer_hub.volunteers.models",
    "volunteer_hub.volunteers.hours.models",
    "volunteer_hub.volunteers.certificates.models",
    "volunteer_hub.drives.models",
    "volunteer_hub.drives.intake.models",
    "volunteer_hub.drives.stock.models",
    "volunteer_hub.drives.distributions.models",
    "volunteer_hub.projects.models",
    "volunteer_hub.receipts.models",
    "volunteer_hub.jobs.models",
    "volunteer_hub.resources.models",
)


def configure(app: Flask, test_config: dict | None) -> None:
    """Defaults, then instance/config.py, then the environment (or the test dict)."""
    development = os.environ.get("FLASK_DEBUG") == "1" or os.environ.get(
        "VH_ENV", ""
    ).startswith("dev")
    defaults = config_module.Development if development else config_module.Defaults
    app.config.from_object(defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(config_module.environment_overrides())
    else:
        app.config.update(test_config)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        db_path = Path(app.instance_path) / "volunteer_hub.sqlite3"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_path}"
    app.config["SQLALCHEMY_DATABASE_URI"] = config_module.normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    config_module.fit_engine_options(app.config)
    config_module.check_secret_key(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config_module.persistent_secret_key(
            app.instance_path
        )


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application; ``test_config`` replaces instance file and environment."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    if test_config and test_config.get("INSTANCE_PATH"):
        app.instance_path = test_config["INSTANCE_PATH"]
    elif test_config is None and os.environ.get("VH_INSTANCE_PATH"):
        app.instance_path = os.environ["VH_INSTANCE_PATH"]
    # instance/config.py is read from the instance folder actually used.
    app.config.root_path = app.instance_path
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    configure(app, test_config)
    trust_proxies(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    register_extensions(app)
    register_foundation(app)
    for package in FEATURES:
        import_module(package).init_app(app)
    return app


def register_foundation(app: Flask) -> None:
    """What every page and feature relies on: the id converter, error pages,
    panels, security headers, the page frame and the maintenance commands."""
    # Every <int:...> in our URLs is a database id; see volunteer_hub.ids.
    app.url_map.converters["int"] = IdConverter
    # URL builders are made when first used (see volunteer_hub.routing).
    app.url_rule_class = LazyRule
    register_error_handlers(app)
    panels.init_app(app)
    numbers.init_app(app)
    lists.init_app(app)
    sharing.init_app(app)
    register_security_headers(app)
    app.session_interface = SessionCookies()
    register_shell(app)
    app.cli.add_command(demo.demo)
    app.cli.add_command(backup.backup)


def trust_proxies(app: Flask) -> None:
    """Believe the client address and scheme that ``TRUSTED_PROXIES`` proxies report.

    The Host header is never taken from a proxy: links that leave the site use
    the public address, and nginx passes the original Host on anyway.
    """
    count = int(app.config.get("TRUSTED_PROXIES") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def register_extensions(app: Flask) -> None:
    """Models first (so metadata is complete), then the Flask extensions."""
    for module in MODEL_MODULES:
        import_module(module)
    # Before CSRF and rate limits, so that their error pages speak ?lang= too.
    app.before_request(remember_requested_language)
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(ROOT / "migrations"))
    extensions.csrf.init_app(app)
    extensions.init_limiter(app)
    extensions.babel.init_app(
        app,
        locale_selector=select_locale,
        timezone_selector=select_timezone,
        default_translation_directories=compiled_translations(
            Path(app.instance_path) / "translations"
        ),
    )
    extensions.login_manager.init_app(app)
