"""Who changed what, when: the append-only audit log and the admins' page on it.

Layout: ``models.py`` (``AuditEvent``, ``forbid_changes`` for append-only
models), ``services.py`` (``record``, ``snapshot``, ``changed_fields``: every
service that changes a record calls ``record``), ``blueprint.py``, ``views.py``,
``forms.py`` (the filters) and ``queries.py``; what the log shows instead of
its codes: ``actions.py``, ``fields.py``, ``labels.py`` and ``display.py``.
"""

from __future__ import annotations

from flask import Flask

# Importing the views attaches their routes to the blueprint.
from volunteer_hub.audit import labels, views
from volunteer_hub.audit.blueprint import bp

VIEWS = (views,)


def init_app(app: Flask) -> None:
    """Register the blueprint and the words for events other pages show."""
    app.register_blueprint(bp)
    app.add_template_global(labels.action_label, "audit_action")
    app.add_template_global(event_actor, "audit_actor")
    app.add_template_global(labels.note_text, "audit_note")


def event_actor(event) -> str:
    """Who acted, for pages without the staff list (a staff member by e-mail)."""
    return labels.actor_text(event.actor_id, event.actor_label, {})
