from datetime import datetime, time, timedelta

from flask import Blueprint, render_template
from sqlalchemy import select

from volunteer_hub.audit.forms import AuditFilterForm
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.auth.access import admin_required
from volunteer_hub.auth.models import User
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate

bp = Blueprint("audit", __name__, url_prefix="/audit")


def _filtered(form: AuditFilterForm):
    statement = select(AuditEvent).order_by(AuditEvent.id.desc())
    if form.entity_type.data:
        statement = statement.where(AuditEvent.entity_type == form.entity_type.data)
    if form.entity_id.data:
        statement = statement.where(AuditEvent.entity_id == form.entity_id.data)
    if form.action.data:
        statement = statement.where(AuditEvent.action.startswith(form.action.data))
    if form.actor.data:
        statement = statement.where(AuditEvent.actor_id == form.actor.data)
    tz = form.timezone()
    if form.since.data:
        start = datetime.combine(form.since.data, time(), tz)
        statement = statement.where(AuditEvent.at >= start)
    if form.until.data:
        end = datetime.combine(form.until.data + timedelta(days=1), time(), tz)
        statement = statement.where(AuditEvent.at < end)
    return statement


@bp.get("/")
@admin_required
def index():
    staff = db.session.scalars(select(User).order_by(User.name)).all()
    form = AuditFilterForm(staff=staff)
    valid = form.validate()
    statement = _filtered(form) if valid else select(AuditEvent).where(False)
    page = paginate(statement)
    names = {user.id: user.name for user in staff}
    return render_template("audit/index.html", form=form, page=page, names=names)
