"""The blueprint of the staff's message list, and its loader."""

from __future__ import annotations

from flask import Blueprint, abort

from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.outbox.queries import readable_by

bp = Blueprint("outbox", __name__, url_prefix="/messages")


def message_or_404(message_id: int, user) -> OutboxMessage:
    """The message, or 404 for one above ``user``'s role (as if absent)."""
    message = db.get_or_404(OutboxMessage, message_id)
    if message.audience not in readable_by(user):
        abort(404)
    return message
