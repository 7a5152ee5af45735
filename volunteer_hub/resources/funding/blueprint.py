from flask import Blueprint

from volunteer_hub.extensions import db
from volunteer_hub.resources.funding.models import Contribution

bp = Blueprint("funding", __name__, url_prefix="/funding")


def contribution_or_404(contribution_id: int) -> Contribution:
    return db.get_or_404(Contribution, contribution_id)
