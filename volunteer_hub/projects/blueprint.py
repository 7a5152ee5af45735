"""The ``projects`` blueprint, its ``*_or_404`` loaders and what its pages share.

Every sub-package (``shifts``, ``booking``, ``invitations``, ``attendance``)
attaches its routes to this one blueprint, so endpoint names stay
``projects.<view>``.
"""

from __future__ import annotations

from flask import Blueprint, redirect, url_for

from volunteer_hub.extensions import db
from volunteer_hub.projects.invitations.forms import ReplyForm
from volunteer_hub.projects.labels import labels_context
from volunteer_hub.projects.models import Assignment, Project, Shift

bp = Blueprint("projects", __name__)


@bp.app_context_processor
def template_names() -> dict:
    """Status words, reason sentences and the reply form for every template
    (the shifts panels on volunteers' pages use them too)."""
    return {**labels_context(), "reply_form": ReplyForm}


def project_or_404(project_id: int) -> Project:
    return db.get_or_404(Project, project_id)


def shift_or_404(shift_id: int) -> Shift:
    return db.get_or_404(Shift, shift_id)


def assignment_or_404(assignment_id: int) -> Assignment:
    return db.get_or_404(Assignment, assignment_id)


def back_to_shift(shift_id: int, anchor: str = ""):
    """Redirect to the shift's page (at ``#anchor``)."""
    return redirect(
        url_for("projects.shift", shift_id=shift_id, _anchor=anchor or None)
    )
