"""Flask extensions, created unbound and attached in ``create_app``."""

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from volunteer_hub.db import Base

db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
# Limits that only Flask-Limiter's check before every request applies.
GLOBAL_LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def init_limiter(app) -> None:
    """Attach the limiter; leave out its check before every request while no
    default, application-wide or meta limit is configured.

    Every limit here is a route's own ``@limiter.limit``, which checks itself
    when the view is called; the check before every request would evaluate
    nothing (about a tenth of a millisecond a request, issue 17).
    """
    limiter.init_app(app)
    if any(app.config.get(name) for name in GLOBAL_LIMITS):
        return
    hooks = app.before_request_funcs.get(None, [])
    hooks[:] = [hook for hook in hooks if hook != limiter._check_request_limit]


class LazyMigrate:
    """Flask-Migrate, attached to an app the first time it is used.

    Importing Flask-Migrate loads Alembic (about 10 MB and a fifth of a second
    per web worker), which only ``flask db …`` and the migration tests need. Until
    then ``app.extensions["migrate"]`` and the ``db`` command stand in for it,
    and attach the real extension on first use.
    """

    def init_app(self, app, db, directory: str) -> None:
        app.extensions["migrate"] = PendingMigrate(app, db, directory)
        app.cli.add_command(migration_commands)


class PendingMigrate:
    def __init__(self, app, db, directory: str):
        self.app, self.db, self.directory = app, db, directory

    def attach(self):
        """The app's real Flask-Migrate configuration, made now if need be."""
        from flask_migrate import Migrate

        if self.app.extensions.get("migrate") is self:
            Migrate(self.app, self.db, directory=self.directory)
        return self.app.extensions["migrate"]

    def __getattr__(self, name: str):
        return getattr(self.attach(), name)


@click.command(
    "db",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@with_appcontext
@click.pass_context
def migration_commands(ctx):
    """Database migrations (Flask-Migrate, Alembic): see ``flask db --help``."""
    from flask_migrate.cli import db as commands

    current_app.extensions["migrate"].attach()
    commands.main(ctx.args, prog_name=ctx.command_path, obj=ctx.obj)


migrate = LazyMigrate()
