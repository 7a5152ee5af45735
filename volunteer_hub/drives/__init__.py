"""In-kind donation drives: goals, donors, pledges, intake, stock, distributions.

Layout (docs/ARCHITECTURE.md): the drive itself (its items and drop-off points,
progress) at the top — ``blueprint.py``, ``models.py``, ``services.py``,
``views.py``, ``forms.py``, ``queries.py`` (progress), ``signals.py``, ``demo.py``
— and one sub-package per part with the same file names: ``donors/``,
``pledges/``, ``intake/``, ``stock/``, ``distributions/`` and ``public/`` (the
public drive page). All routes are on the one ``drives`` blueprint.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from volunteer_hub import panels
from volunteer_hub.audit.labels import register_values

# Importing the view modules attaches their routes to the blueprint; nothing
# touches an application until init_app.
from volunteer_hub.drives import views
from volunteer_hub.drives.blueprint import bp
from volunteer_hub.drives.distributions import views as distribution_views
from volunteer_hub.drives.donors import views as donor_views
from volunteer_hub.drives.intake import views as intake_views
from volunteer_hub.drives.intake.models import CONDITION_LABELS, VALUATION_BASIS_LABELS
from volunteer_hub.drives.models import DONOR_KIND_LABELS, DRIVE_STATUS_LABELS
from volunteer_hub.drives.pledges import views as pledge_views
from volunteer_hub.drives.public import cache as public_cache
from volunteer_hub.drives.public import versions as public_versions
from volunteer_hub.drives.public import views as public_views
from volunteer_hub.drives.stock import views as stock_views
from volunteer_hub.drives.stock.models import ADJUSTMENT_REASON_LABELS
from volunteer_hub.drives.today import pledges_due

VIEWS = (
    views,
    donor_views,
    pledge_views,
    intake_views,
    stock_views,
    distribution_views,
    public_views,
)

# Words for the codes the audit log stores about drives and goods.
AUDIT_VALUES = {
    ("drives", "status"): DRIVE_STATUS_LABELS,
    ("donors", "kind"): DONOR_KIND_LABELS,
    ("pledges", "source"): {
        "public": _l("Pledged on the public page"),
        "staff": _l("Entered by staff"),
    },
    ("intakes", "basis"): VALUATION_BASIS_LABELS,
    ("intakes", "condition"): CONDITION_LABELS,
    ("stock_entries", "reason"): ADJUSTMENT_REASON_LABELS,
}


def init_app(app: Flask) -> None:
    """Register the blueprint (its filters, labels and the home page's list),
    the count of pledges due on the staff home page, and the public page's
    cache with the listener that renews a drive's page version on write."""
    app.register_blueprint(bp)
    register_values(AUDIT_VALUES)
    public_cache.init_app(app)
    public_versions.connect()
    panels.register_count(
        app,
        "pledges-due",
        _l("Pledges due within 7 days, nothing delivered yet"),
        pledges_due,
        "drives.pledges_due",
        order=40,
    )
