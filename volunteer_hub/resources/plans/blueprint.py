from flask import Blueprint, abort

from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Project
from volunteer_hub.resources.funding.models import BudgetLine

bp = Blueprint("plans", __name__, url_prefix="/funding")


def project_or_404(project_id: int) -> Project:
    return db.get_or_404(Project, project_id)


def line_or_404(project: Project, line_id: int) -> BudgetLine:
    """The line, only when it belongs to ``project`` (ids in URLs are not trusted)."""
    line = db.session.get(BudgetLine, line_id)
    if line is None or line.project_id != project.id:
        abort(404)
    return line
