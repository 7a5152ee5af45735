"""An audit event as a page shows it: words for its codes, the record's name
and a link to the record's page where there is one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from flask_babel import format_datetime
from werkzeug.routing import BuildError

from volunteer_hub.audit import labels
from volunteer_hub.audit.fields import field_label, referenced_table
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.ids import parse_id

# How ``snapshot`` stores a time: ISO 8601 with an offset.
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)$")

# The page of a record, by table: (endpoint, name of the id in its URL).
ENTITY_PAGES = {
    "volunteers": ("volunteers.detail", "volunteer_id"),
    "drives": ("drives.detail", "drive_id"),
    "donors": ("drives.donor_detail", "donor_id"),
    "intakes": ("drives.intake_detail", "intake_id"),
    "pledges": ("drives.pledge_detail", "pledge_id"),
    "distributions": ("drives.distribution_detail", "distribution_id"),
    "drive_items": ("drives.edit_item", "item_id"),
    "drive_points": ("drives.edit_point", "point_id"),
    "projects": ("projects.detail", "project_id"),
    "shifts": ("projects.shift", "shift_id"),
    "receipts": ("receipts.detail", "receipt_id"),
    "partners": ("partners.detail", "partner_id"),
    "contributions": ("funding.detail", "contribution_id"),
    "opportunities": ("opportunities.detail", "opportunity_id"),
    "specialties": ("volunteers.edit_specialty", "specialty_id"),
    "users": ("auth.edit_staff", "user_id"),
    "jobs": ("jobs.detail", "job_id"),
    "outbox_messages": ("outbox.detail", "message_id"),
}


@dataclass
class Change:
    label: str
    before: str | None
    after: str | None


@dataclass
class EventView:
    at: datetime
    action: str
    entity: str
    entity_url: str | None
    actor: str
    note: str
    changes: list[Change] = field(default_factory=list)


def entity_url(entity_type: str, entity_id: str) -> str | None:
    page, number = ENTITY_PAGES.get(entity_type), parse_id(entity_id)
    if page is None or number is None:
        return None
    endpoint, argument = page
    try:
        return url_for(endpoint, **{argument: number})
    except BuildError:
        return None


def changes(event: AuditEvent, names: dict) -> list[Change]:
    """One line per field that changed, before and after in words (None where
    not stored); a field stored on both sides with the same value is left out."""
    before, after = event.before or {}, event.after or {}
    keys = [
        key
        for key in dict.fromkeys([*before, *after])
        if not (key in before and key in after and before[key] == after[key])
    ]
    return [
        Change(
            field_label(key, labels.ENTITY_LABELS, event.entity_type),
            value(before[key], event, key, names) if key in before else None,
            value(after.get(key), event, key, names) if event.after else None,
        )
        for key in keys
    ]


def value(stored, event: AuditEvent, key: str, names: dict) -> str:
    """``stored`` in words: another record by its kind and number (a staff
    member by name), a time in the reader's zone, a code in words."""
    table = referenced_table(key, event.entity_type, labels.ENTITY_LABELS)
    if table and isinstance(stored, int) and not isinstance(stored, bool):
        if table == "users" and stored in names:
            return names[stored]
        return labels.entity_text(table, stored)
    if isinstance(stored, str) and ISO_TIME.match(stored):
        return format_datetime(datetime.fromisoformat(stored), "short")
    return labels.value_text(stored, event.entity_type, key)


def event_view(event: AuditEvent, names: dict, record_names: dict) -> EventView:
    """``names``: staff names by id; ``record_names``: {(table, id): name}."""
    name = record_names.get((event.entity_type, event.entity_id))
    return EventView(
        at=event.at,
        action=labels.action_label(event.action),
        entity=labels.entity_text(event.entity_type, event.entity_id, name),
        entity_url=entity_url(event.entity_type, event.entity_id),
        actor=labels.actor_text(event.actor_id, event.actor_label, names),
        note=labels.note_text(event.note),
        changes=changes(event, names),
    )
