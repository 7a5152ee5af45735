"""Staff accounts, roles, login, first-run set-up and invitations.

Layout: ``models.py`` (``User``, ``Invitation``, the roles), ``services.py``
(set-up, accounts, invitations, log-in checks), ``blueprint.py``, ``views.py``,
``forms.py``, ``queries.py`` (staff lists) and ``cli.py`` (``flask users``),
plus four helpers other features and the tests use by name:

- ``access.py``: ``role_required`` / ``staff_required`` / ``coordinator_required``
  / ``admin_required`` and ``public``, the decorators on every route;
- ``login.py``: Flask-Login wiring (loading a user from the session cookie,
  ``start_session``);
- ``passwords.py``: Argon2id hashing, the one module that touches argon2;
- ``setup_code.py``: the one-time code that guards the first-run page.
"""

from __future__ import annotations

from flask import Flask

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.audit.labels import register_values
from volunteer_hub.auth import login, setup_code, views
from volunteer_hub.auth.blueprint import bp
from volunteer_hub.auth.cli import users
from volunteer_hub.auth.models import ROLE_LABELS
from volunteer_hub.extensions import login_manager

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint, ``flask users`` and the log-in wiring; outside
    tests, print a set-up code while the organisation does not exist yet."""
    app.register_blueprint(bp)
    app.cli.add_command(users)
    login.configure(login_manager)
    register_values({("users", "role"): ROLE_LABELS})
    if not app.config.get("TESTING"):
        setup_code.announce(app)
