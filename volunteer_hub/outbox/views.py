"""The staff's list of outgoing messages, one message, its link shown once, and
the mark that a message was passed on by hand."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import coordinator_required
from volunteer_hub.outbox import queries
from volunteer_hub.outbox.blueprint import bp, message_or_404
from volunteer_hub.outbox.forms import PassedOnForm, RevealForm
from volunteer_hub.outbox.models import OUTBOX_STATUSES, STATUS_LABELS
from volunteer_hub.outbox.services import mark_passed_on, reveal
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
        statuses=(queries.WAITING, *OUTBOX_STATUSES),
        labels=STATUS_LABELS,
        waiting=queries.waiting_count(current_user),
    )


def _detail_page(message, **context):
    return render_template(
        "outbox/detail.html",
        message=message,
        form=RevealForm(),
        passed_form=PassedOnForm(),
        labels=STATUS_LABELS,
        **{"text": message.body, **context},
    )


@bp.get("/<int:message_id>")
@coordinator_required
def detail(message_id):
    return _detail_page(message_or_404(message_id, current_user))


@bp.post("/<int:message_id>/reveal")
@coordinator_required
def reveal_link(message_id):
    """Show the text with its personal link, once, for staff to pass it on."""
    message = message_or_404(message_id, current_user)
    shown = commit_service(lambda: reveal(message, user=current_user))
    if not shown:
        return redirect(url_for("outbox.detail", message_id=message.id))
    return _detail_page(message, text=shown.value, revealed=True)


@bp.post("/<int:message_id>/passed")
@coordinator_required
def passed_on(message_id):
    """Record that the coordinator passed the message on by hand."""
    message = message_or_404(message_id, current_user)
    if commit_service(lambda: mark_passed_on(message, user=current_user)):
        flash(_("Marked as passed on."), "success")
    return redirect(url_for("outbox.index", status=queries.WAITING))
