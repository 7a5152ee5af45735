"""The organisation that runs this installation: its profile, seal and logo.

Layout: ``models.py`` (``Organisation``, one row), ``services.py``
(``current_organisation``, ``organisation_profile``, creation at set-up, edits, the
images), ``images.py`` (uploads checked with Pillow, the seal made print-ready),
``kept.py`` (settings each worker keeps under one token), ``blueprint.py``,
``views.py`` and ``forms.py`` (the profile fields, shared with auth's set-up form).
"""

from __future__ import annotations

from flask import Flask

from volunteer_hub.audit.labels import register_values

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.organisation import kept, views
from volunteer_hub.organisation.blueprint import bp
from volunteer_hub.organisation.forms import (
    COUNTRY_CHOICES,
    CURRENCY_CHOICES,
    JURISDICTION_CHOICES,
    LOCALE_CHOICES,
    TIMEZONE_CHOICES,
)

VIEWS = (views,)

# Words for the codes the audit log stores about the organisation's profile.
AUDIT_VALUES = {
    ("organisations", "jurisdiction"): dict(JURISDICTION_CHOICES),
    ("organisations", "default_locale"): dict(LOCALE_CHOICES),
    ("organisations", "currency"): dict(CURRENCY_CHOICES),
    ("organisations", "country"): dict(COUNTRY_CHOICES),
    ("organisations", "timezone"): dict(TIMEZONE_CHOICES),
}


def init_app(app: Flask) -> None:
    """Register the blueprint and the words for the profile's codes; renew the
    kept settings' token on every write of them."""
    app.register_blueprint(bp)
    kept.connect()
    register_values(AUDIT_VALUES)
