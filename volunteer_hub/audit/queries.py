"""Reading the audit log: the events a filter form selects."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import Select, select

from volunteer_hub.audit.forms import AuditFilterForm
from volunteer_hub.audit.models import AuditEvent


def filtered_events(form: AuditFilterForm) -> Select:
    """Newest first, narrowed by what the (validated) form holds; dates are whole
    days in the organisation's time zone."""
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


def no_events() -> Select:
    """An empty selection, shown while the filters are invalid."""
    return select(AuditEvent).where(False)
