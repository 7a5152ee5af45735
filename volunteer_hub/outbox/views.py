"""The staff's list of outgoing messages, one message, and its link shown once."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.outbox import queries
from volunteer_hub.outbox.blueprint import bp, message_or_404
from volunteer_hub.outbox.forms import RevealForm
from volunteer_hub.outbox.models import OUTBOX_STATUSES
from volunteer_hub.outbox.services import reveal
from volunteer_hub.pagination import paginate
from volunteer_hub.web import commit_service


@bp.get("/")
@coordinator_required
def index():
    status = request.args.get("status", "")
    return render_template(
        "outbox/index.html",
        page=paginate(queries.messages_for(current_user, status)),
        status=status,
        statuses=OUTBOX_STATUSES,
    )


@bp.get("/<int:message_id>")
@coordinator_required
def detail(message_id):
    message = message_or_404(message_id, current_user)
    return render_template(
        "outbox/detail.html", message=message, form=RevealForm(), text=message.body
    )


@bp.post("/<int:message_id>/reveal")
@coordinator_required
def reveal_link(message_id):
    """Show the text with its personal link, once, for staff to pass it on."""
    message = message_or_404(message_id, current_user)
    form = RevealForm()  # CSRFProtect has checked the token already
    shown = commit_service(lambda: reveal(message, user=current_user))
    if not shown:
        return redirect(url_for("outbox.detail", message_id=message.id))
    return render_template(
        "outbox/detail.html",
        message=message,
        form=form,
        text=shown.value,
        revealed=True,
    )
