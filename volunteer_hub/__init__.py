"""Volunteer Hub: volunteers, in-kind drives and paperwork for small organisations."""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

from flask import Flask

from volunteer_hub import config as config_module
from volunteer_hub.ids import IdConverter

ROOT = Path(__file__).resolve().parent.parent

# Every feature's blueprint, as "module:attribute"; a new feature adds its line.
BLUEPRINTS = (
    "volunteer_hub.main.views:bp",
    "volunteer_hub.auth.views:bp",
    "volunteer_hub.organisation.views:bp",
    "volunteer_hub.audit.views:bp",
    "volunteer_hub.outbox.views:bp",
    "volunteer_hub.volunteers.views:bp",
    "volunteer_hub.jobs.views:bp",
)

# Feature packages in the layout of docs/ARCHITECTURE.md: each has an
# ``init_app(app)`` that registers its blueprint (and connects its receivers).
FEATURES = (
    "volunteer_hub.drives",
    "volunteer_hub.projects",
    "volunteer_hub.receipts",
    "volunteer_hub.reports",
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
    "volunteer_hub.volunteers.models_hours",
    "volunteer_hub.drives.models",
    "volunteer_hub.drives.intake.models",
    "volunteer_hub.drives.stock.models",
    "volunteer_hub.drives.distributions.models",
    "volunteer_hub.projects.models",
    "volunteer_hub.receipts.models",
    "volunteer_hub.jobs.models",
)

# Click command groups, as "module:attribute".
COMMANDS = (
    "volunteer_hub.auth.cli:users",
    "volunteer_hub.outbox.cli:outbox",
    "volunteer_hub.demo:demo",
    "volunteer_hub.projects.cli:projects",
    "volunteer_hub.volunteers.cli:volunteers",
    "volunteer_hub.jobs.cli:jobs",
    "volunteer_hub.backup:backup",
)


def _load(path: str):
    module, _, attribute = path.partition(":")
    return getattr(import_module(module), attribute)


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
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    configure(app, test_config)
    trust_proxies(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    register_extensions(app)
    # Every <int:...> in our URLs is a database id; see volunteer_hub.ids.
    app.url_map.converters["int"] = IdConverter
    for path in BLUEPRINTS:
        app.register_blueprint(_load(path))
    for package in FEATURES:
        import_module(package).init_app(app)
    for path in COMMANDS:
        app.cli.add_command(_load(path))
    from volunteer_hub import panels
    from volunteer_hub.errors import register_error_handlers
    from volunteer_hub.security import register_security_headers
    from volunteer_hub.shell import register_shell

    register_error_handlers(app)
    panels.init_app(app)
    register_security_headers(app)
    register_shell(app)
    if not app.config.get("TESTING"):
        from volunteer_hub.auth.setup_code import announce

        announce(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Believe the client address and scheme that ``TRUSTED_PROXIES`` proxies report.

    The Host header is never taken from a proxy: links that leave the site use
    the public address, and nginx passes the original Host on anyway.
    """
    count = int(app.config.get("TRUSTED_PROXIES") or 0)
    if count > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def register_extensions(app: Flask) -> None:
    from volunteer_hub.catalogues import compiled_translations
    from volunteer_hub.extensions import (
        babel,
        csrf,
        db,
        limiter,
        login_manager,
        migrate,
    )
    from volunteer_hub.i18n import (
        remember_requested_language,
        select_locale,
        select_timezone,
    )

    for module in MODEL_MODULES:
        import_module(module)
    # Before CSRF and rate limits, so that their error pages speak ?lang= too.
    app.before_request(remember_requested_language)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        timezone_selector=select_timezone,
        default_translation_directories=compiled_translations(
            Path(app.instance_path) / "translations"
        ),
    )
    login_manager.init_app(app)
    from volunteer_hub.auth import login as login_setup

    login_setup.configure(login_manager)
