from flask import Blueprint, render_template, request
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OUTBOX_STATUSES, OutboxMessage
from volunteer_hub.pagination import paginate

bp = Blueprint("outbox", __name__, url_prefix="/messages")


@bp.get("/")
@coordinator_required
def index():
    status = request.args.get("status", "")
    statement = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if status in OUTBOX_STATUSES:
        statement = statement.where(OutboxMessage.status == status)
    return render_template(
        "outbox/index.html",
        page=paginate(statement),
        status=status,
        statuses=OUTBOX_STATUSES,
    )


@bp.get("/<int:message_id>")
@coordinator_required
def detail(message_id):
    message = db.get_or_404(OutboxMessage, message_id)
    return render_template("outbox/detail.html", message=message)
