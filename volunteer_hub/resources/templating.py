"""What the templates of other pages ask this feature for: labels, the home
page's document warnings and a project's funding summary."""

from __future__ import annotations

from flask import Flask

from volunteer_hub import clock
from volunteer_hub.resources import labels
from volunteer_hub.resources.opportunities.services import expiring_documents
from volunteer_hub.resources.plans.services import funding_plan


def expiring_qualifications():
    return expiring_documents(clock.now().date())


def project_funding(project):
    return funding_plan(project)


def register(app: Flask) -> None:
    app.add_template_global(expiring_qualifications)
    app.add_template_global(project_funding)
    app.jinja_env.globals["resource_labels"] = labels
