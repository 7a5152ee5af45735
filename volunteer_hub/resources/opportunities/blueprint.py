from flask import Blueprint

from volunteer_hub.extensions import db
from volunteer_hub.resources.opportunities.models import Opportunity

bp = Blueprint("opportunities", __name__, url_prefix="/funding")


def opportunity_or_404(opportunity_id: int) -> Opportunity:
    return db.get_or_404(Opportunity, opportunity_id)
