"""What the templates of other pages ask this feature for: labels, the home
page's document warnings, a project's funding summary, the annual summary's
resource figures."""

from __future__ import annotations

from flask import Flask

from volunteer_hub import clock
from volunteer_hub.resources import labels


def expiring_qualifications():
    from volunteer_hub.resources.opportunities.services import expiring_documents

    return expiring_documents(clock.now().date())


def project_funding(project):
    from volunteer_hub.resources.plans.services import funding_plan

    return funding_plan(project)


def resource_figures(period):
    from volunteer_hub.resources.report import resource_map

    return resource_map(period)


def register(app: Flask) -> None:
    app.add_template_global(expiring_qualifications)
    app.add_template_global(project_funding)
    app.add_template_global(resource_figures)
    app.jinja_env.globals["resource_labels"] = labels
