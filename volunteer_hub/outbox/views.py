from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.outbox.forms import RevealForm
from volunteer_hub.outbox.models import OUTBOX_STATUSES, OutboxMessage
from volunteer_hub.outbox.services import readable_by, reveal
from volunteer_hub.pagination import paginate

bp = Blueprint("outbox", __name__, url_prefix="/messages")


@bp.get("/")
@coordinator_required
def index():
    status = request.args.get("status", "")
    statement = (
        select(OutboxMessage)
        .where(OutboxMessage.audience.in_(readable_by(current_user)))
        .order_by(OutboxMessage.id.desc())
    )
    if status in OUTBOX_STATUSES:
        statement = statement.where(OutboxMessage.status == status)
    return render_template(
        "outbox/index.html",
        page=paginate(statement),
        status=status,
        statuses=OUTBOX_STATUSES,
    )


def _readable_message(message_id: int) -> OutboxMessage:
    """The message, or 404 for one above the reader's role (as if absent)."""
    message = db.get_or_404(OutboxMessage, message_id)
    if message.audience not in readable_by(current_user):
        abort(404)
    return message


@bp.get("/<int:message_id>")
@coordinator_required
def detail(message_id):
    message = _readable_message(message_id)
    return render_template(
        "outbox/detail.html", message=message, form=RevealForm(), text=message.body
    )


@bp.post("/<int:message_id>/reveal")
@coordinator_required
def reveal_link(message_id):
    """Show the text with its personal link, once, for staff to pass it on."""
    message = _readable_message(message_id)
    form = RevealForm()  # CSRFProtect has checked the token already
    try:
        text = reveal(message, current_user)
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(url_for("outbox.detail", message_id=message.id))
    db.session.commit()
    return render_template(
        "outbox/detail.html", message=message, form=form, text=text, revealed=True
    )
