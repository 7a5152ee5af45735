from flask import Blueprint

from volunteer_hub.extensions import db
from volunteer_hub.resources.partners.models import Partner

bp = Blueprint("partners", __name__, url_prefix="/partners")


def partner_or_404(partner_id: int) -> Partner:
    return db.get_or_404(Partner, partner_id)
