"""Receipts: immutable, gapless-numbered PDF acknowledgments that donors verify.

Layout: ``blueprint.py`` (the staff blueprint ``receipts`` and the public one
``receipts_public``), ``models.py``, ``queries.py``, ``services.py`` (issuing and
voiding), ``forms.py`` and ``views.py`` (the register, a receipt, issue, void,
statements), ``receivers.py`` (drives' intake signals); what a receipt states
and how it is drawn: ``snapshot.py``, ``profiles.py``, ``wording.py``,
``render.py``, ``signing.py``; ``batch.py`` is the work of a batch job. The
sub-packages ``access/`` (donor links, the donor's page, the lookup),
``verify/`` (public verification), ``settings/`` and ``batches/`` hold the
same files for their part.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from volunteer_hub import clock, panels
from volunteer_hub.audit.labels import register_values
from volunteer_hub.receipts import receivers, services, today, views
from volunteer_hub.receipts.access import views as access_views
from volunteer_hub.receipts.batches import views as batches_views
from volunteer_hub.receipts.blueprint import bp, public_bp
from volunteer_hub.receipts.models import KIND_LABELS, LANGUAGE_LABELS, STATUS_LABELS
from volunteer_hub.receipts.render import display_code
from volunteer_hub.receipts.settings import views as settings_views
from volunteer_hub.receipts.verify import views as verify_views

# Importing the view modules attaches their routes to the blueprints.
VIEWS = (views, access_views, batches_views, settings_views, verify_views)

# Functions the receipts templates (and the panels on drives' pages) call.
TEMPLATE_GLOBALS = {
    "receipt_status": services.status_of,
    "intake_receipts": services.receipts_for_intake,
    "donor_receipts": services.receipts_for_donor,
    "receipt_snapshot": services.snapshot_of,
}


def _labels() -> dict:
    return {
        "receipt_kind_labels": KIND_LABELS,
        "receipt_language_labels": LANGUAGE_LABELS,
        "receipt_status_labels": STATUS_LABELS,
        "display_code": display_code,
    }


def _this_year() -> int:
    return clock.now().year


def _always(**context) -> dict:
    return {}


# Words for the codes the audit log stores about receipts and donors' links.
AUDIT_VALUES = {
    ("receipts", "kind"): KIND_LABELS,
    ("receipts", "language"): LANGUAGE_LABELS,
    ("donors", "reason"): {
        "staff": _l("Made by staff"),
        "email": _l("Sent by e-mail on request"),
        "lookup": _l("Found by the donor's look-up"),
    },
}


def init_app(app: Flask) -> None:
    """Register the blueprints and template globals, listen to intake, and
    add the receipts panels to drives' intake and donor pages and the count of
    intakes without a receipt to the staff home page."""
    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    for name, function in TEMPLATE_GLOBALS.items():
        app.add_template_global(function, name)
    app.add_template_global(_this_year, "now_year")
    app.context_processor(_labels)
    receivers.connect()
    register_values(AUDIT_VALUES)
    panels.register(app, "drives.intake", "receipts/_intake_panel.html", _always)
    panels.register(app, "drives.donor", "receipts/_donor_panel.html", _always)
    today.register(app)
