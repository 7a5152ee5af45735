"""Reading the audit log: the events a filter form selects."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import Select, select

from volunteer_hub.audit.forms import AuditFilterForm
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id


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


# The columns that name a record, by table: one name, or (Chinese, English).
NAME_COLUMNS = {
    "volunteers": ("name",),
    "donors": ("name",),
    "partners": ("name",),
    "users": ("name",),
    "drive_points": ("name",),
    "opportunities": ("title",),
    "budget_lines": ("title",),
    "qualification_documents": ("title",),
    "jobs": ("title",),
    "receipts": ("number",),
    "intakes": ("number",),
    "distributions": ("number",),
    "drives": ("title_zh", "title_en"),
    "projects": ("name_zh", "name_en"),
    "specialties": ("name_zh", "name_en"),
    "drive_items": ("name_zh", "name_en"),
}


def record_names(events, *, english: bool) -> dict[tuple[str, str], str]:
    """{(table, id): name} of the records ``events`` are about, one query per
    table; the tables are read through the metadata, so that the audit log
    needs none of the features' models."""
    wanted: dict[str, set[int]] = {}
    for event in events:
        number = parse_id(event.entity_id)
        if event.entity_type in NAME_COLUMNS and number is not None:
            wanted.setdefault(event.entity_type, set()).add(number)
    names = {}
    for table_name, ids in wanted.items():
        table = db.metadata.tables.get(table_name)
        if table is None:
            continue
        columns = [table.c[name] for name in NAME_COLUMNS[table_name]]
        rows = db.session.execute(
            select(table.c.id, *columns).where(table.c.id.in_(ids))
        )
        for row_id, *values in rows:
            chosen = (values[-1] if english else "") or values[0]
            if chosen:
                names[(table_name, str(row_id))] = chosen
    return names
