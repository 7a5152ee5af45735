"""Resources leveraged: partners, their contributions, co-funded projects'
funding plans, government purchase and venture opportunities, qualification
documents, and the resource map report (``report/``). Nothing touches an
application at import; ``init_app`` registers the blueprints, template helpers
and receivers."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from volunteer_hub import panels
from volunteer_hub.audit.labels import register_values
from volunteer_hub.resources import labels, receivers, templating
from volunteer_hub.resources.blueprint import bp as report_bp
from volunteer_hub.resources.funding.views import bp as funding_bp
from volunteer_hub.resources.opportunities.views import bp as opportunities_bp
from volunteer_hub.resources.partners.views import bp as partners_bp
from volunteer_hub.resources.plans.views import bp as plans_bp

# Importing the view module attaches the resource map's routes to report_bp.
from volunteer_hub.resources.report import views as report_views

BLUEPRINTS = (partners_bp, funding_bp, plans_bp, opportunities_bp, report_bp)
VIEWS = (report_views,)

# Words for the codes the audit log stores about partners and funding.
AUDIT_VALUES = {
    ("partners", "partner_type"): labels.PARTNER_TYPE_LABELS,
    ("partners", "resource_kinds"): labels.RESOURCE_KIND_LABELS,
    ("partners", "kind"): labels.LOG_KIND_LABELS,
    ("contributions", "kind"): labels.CONTRIBUTION_KIND_LABELS,
    ("contributions", "value_basis"): labels.VALUE_BASIS_LABELS,
    ("contributions", "restricted_category"): labels.BUDGET_CATEGORY_LABELS,
    ("budget_lines", "category"): labels.BUDGET_CATEGORY_LABELS,
    ("opportunities", "kind"): labels.OPPORTUNITY_KIND_LABELS,
    ("opportunities", "status"): labels.OPPORTUNITY_STATUS_LABELS,
    ("opportunities", "required_documents"): labels.DOCUMENT_KIND_LABELS,
    ("qualification_documents", "kind"): labels.DOCUMENT_KIND_LABELS,
}


def init_app(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    templating.register(app)
    register_values(AUDIT_VALUES)
    receivers.connect()
    panels.register(app, "projects.detail", "resources/_project_panel.html", _shown)
    panels.register(
        app, "main.dashboard", "resources/_dashboard_documents.html", _shown
    )
    panels.register_count(
        app,
        "documents-expiring",
        _l("Qualification documents to renew"),
        _expiring_count,
        "opportunities.documents",
        order=80,
    )


def _expiring_count() -> int:
    return len(templating.expiring_qualifications())


def _shown(**context) -> dict:
    """The panel's template reads what it needs through the template helpers."""
    return {}
