"""Writing audit events; every service that changes a record calls ``record``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import inspect

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj, fields=None, exclude=("password_hash",)) -> dict:
    """The column values of ``obj`` as JSON-safe data for an audit record."""
    names = fields or [c.key for c in inspect(obj).mapper.column_attrs]
    return {n: _jsonable(getattr(obj, n)) for n in names if n not in exclude}


def _actor(given):
    """(id, label) of who acted: ``given`` when the service was told, else the
    logged-in staff member of this request, else "public" or "system"."""
    if given is not None:
        return given.id, given.email
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id, current_user.email
    return None, "public" if has_request_context() else "system"


def _event_values(action, who, entity_type, entity_id, before, after, note) -> dict:
    """The columns of one audit event; ``who`` is `_who`'s answer."""
    actor_id, actor_label, ip_address = who
    return {
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "entity_type": entity_type or "",
        "entity_id": str(entity_id or ""),
        "before": _jsonable(before) if before is not None else None,
        "after": _jsonable(after) if after is not None else None,
        "note": note[:500],
        "ip_address": ip_address,
    }


def _who(actor, actor_label) -> tuple:
    actor_id, label = _actor(actor)
    ip_address = request.remote_addr if has_request_context() else None
    return actor_id, actor_label or label, ip_address


# Every audit row is written by this one statement, at once and in the
# caller's transaction: no code reads events back as objects in the request
# that writes them, and the ORM's unit of work cost a sign-up more than the
# row itself (bench/NOTES.md, issue 17).
_INSERT = AuditEvent.__table__.insert()


def _insert(rows: list[dict]) -> None:
    if rows:
        db.session.connection().execute(_INSERT, rows)


def _entity_key(entity, entity_type, entity_id) -> tuple:
    """``(entity_type, entity_id)`` of an event about ``entity`` (a model
    instance, flushed first when it has no id yet)."""
    if entity is None:
        return entity_type, entity_id
    state = inspect(entity)
    if state.identity is None:
        db.session.flush()  # the entity's id, when it has none yet
    entity_type = entity_type or entity.__tablename__
    return entity_type, entity_id if entity_id is not None else state.identity[0]


def record(
    action: str,
    entity,
    *,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    actor_label: str | None = None,
    actor=None,
    entity_type: str | None = None,
    entity_id=None,
) -> None:
    """Write an audit event for ``entity`` (a model instance; flushed first
    when it has no id yet), in the current transaction.

    ``actor`` is the staff member (a ``User``) who acted, when the service was
    given one; without it the request's logged-in user is taken. ``actor_label``
    names who acted when it was not a staff member, e.g. ``"volunteer:12"``.
    """
    entity_type, entity_id = _entity_key(entity, entity_type, entity_id)
    values = _event_values(
        action, _who(actor, actor_label), entity_type, entity_id, before, after, note
    )
    _insert([values])


def record_all(entity, events: Iterable[tuple[str, dict]], *, actor_label=None):
    """Several events about one record, each ``(action, after)``, in one
    statement: the rows `record` would write one by one (a sign-up writes the
    volunteer's event and their specialties' event)."""
    entity_type, entity_id = _entity_key(entity, None, None)
    who = _who(None, actor_label)
    rows = [
        _event_values(action, who, entity_type, entity_id, None, after, "")
        for action, after in events
    ]
    _insert(rows)


def record_many(
    action: str,
    entity_type: str,
    changes: Iterable[tuple[object, dict | None, dict | None]],
    *,
    note: str = "",
    actor_label: str | None = None,
    actor=None,
) -> int:
    """Insert one audit event per ``(entity_id, before, after)`` of ``changes``,
    all in one statement: the same rows as `record` called for each, for a
    service that writes many records at once (auto-fill). Returns the count."""
    who = _who(actor, actor_label)
    rows = [
        _event_values(action, who, entity_type, entity_id, before, after, note)
        for entity_id, before, after in changes
    ]
    _insert(rows)
    return len(rows)


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, for a compact before/after pair."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
