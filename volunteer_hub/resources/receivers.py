"""Keep drives' and projects' partner links in step with their partner text.

The drive and project forms keep their free-text partner field (receipts quote
the drive's ``partner_name`` as issued). When a flush writes a new or changed
partner text, the object is noted; just before the transaction commits, each
noted drive or project is linked to the partner of that name (created when
none matches). Drives and projects never import this feature.
"""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from volunteer_hub.drives.models import Drive
from volunteer_hub.projects.models import Project
from volunteer_hub.resources.partners.services import link_partner

PENDING = "resources.partner_sync"


def _changed(obj, attribute: str, session: Session) -> bool:
    if obj in session.new:
        return bool(getattr(obj, attribute))
    return inspect(obj).attrs[attribute].history.has_changes()


def note_partner_changes(session: Session, flush_context, instances) -> None:

    pending = session.info.setdefault(PENDING, [])
    for obj in [*session.new, *session.dirty]:
        if isinstance(obj, Drive) and _changed(obj, "partner_name", session):
            pending.append(obj)
        elif isinstance(obj, Project) and _changed(obj, "partner", session):
            pending.append(obj)


def sync_partner_links(session: Session) -> None:

    pending = session.info.pop(PENDING, [])
    if not pending:
        return
    session.flush()
    by = current_user if _has_user() else None
    for obj in dict.fromkeys(pending):
        if isinstance(obj, Drive):
            link_partner(by, name=obj.partner_name, drive_id=obj.id)
        else:
            link_partner(by, name=obj.partner, project_id=obj.id)
    session.info.pop(PENDING, None)


def forget_pending(session: Session, *args) -> None:
    session.info.pop(PENDING, None)


def _has_user() -> bool:
    from flask import has_request_context

    return has_request_context() and current_user.is_authenticated


def connect() -> None:
    """Listen on every session (the application's scoped sessions included)."""
    if not event.contains(Session, "before_flush", note_partner_changes):
        event.listen(Session, "before_flush", note_partner_changes)
        event.listen(Session, "before_commit", sync_partner_links)
        event.listen(Session, "after_rollback", forget_pending)
