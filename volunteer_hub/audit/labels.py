"""What the audit log shows people instead of the codes it stores.

An event stores an action code (``volunteer.core``), a table name and id
(``volunteers``, ``12``), who acted (a staff account, or a label such as
``system`` or ``volunteer:12``) and the changed fields by column name. The
tables below turn each into words of the reader's language. The action codes
are listed here, in the lowest feature, rather than by each feature, so that
one test can check every code written anywhere has a label
(``tests/test_audit_labels.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from volunteer_hub.audit.actions import ACTION_LABELS
from volunteer_hub.audit.fields import field_label
from volunteer_hub.lists import join_list

ENTITY_LABELS = {
    "assignments": _l("Shift assignment"),
    "availability_exceptions": _l("Unavailable date"),
    "budget_lines": _l("Budget line"),
    "contributions": _l("Contribution"),
    "distributions": _l("Distribution"),
    "donors": _l("Donor"),
    "drive_items": _l("Item goal"),
    "drive_points": _l("Drop-off point"),
    "drives": _l("Drive"),
    "funding_shares": _l("Funding share"),
    "intakes": _l("Intake"),
    "jobs": _l("Background job"),
    "matching_settings": _l("Matching weights"),
    "number_series": _l("Number series"),
    "opportunities": _l("Funding opportunity"),
    "organisations": _l("Organisation"),
    "outbox_messages": _l("Message"),
    "partner_contacts": _l("Partner contact"),
    "partner_links": _l("Partner link"),
    "partner_log": _l("Partner log entry"),
    "partners": _l("Partner"),
    "pledges": _l("Pledge"),
    "privacy_notices": _l("Privacy notice"),
    "projects": _l("Project"),
    "qualification_documents": _l("Qualification document"),
    "receipt_settings": _l("Receipt settings"),
    "receipts": _l("Receipt"),
    "resource_settings": _l("Funding settings"),
    "service_certificates": _l("Service certificate"),
    "service_records": _l("Service hours"),
    "shifts": _l("Shift"),
    "specialties": _l("Specialty"),
    "stock_entries": _l("Stock movement"),
    "users": _l("Staff member"),
    "volunteer_settings": _l("Volunteer settings"),
    "volunteers": _l("Volunteer"),
}

# Words of reference strings that are not table names (``statement:donor:5:year:2026``).
REFERENCE_WORDS = {
    "statement": _l("Yearly statement"),
    "year": _l("Year"),
    "drive": _l("Drive"),
    "donor": _l("Donor"),
    "intake": _l("Intake"),
    "shift": _l("Shift"),
    "volunteer": _l("Volunteer"),
    "user": _l("Staff member"),
}

# Who acted, when it was not a staff account.
ACTOR_LABELS = {
    "system": _l("System"),
    "public": _l("Someone on a public page"),
    "cli": _l("Command line"),
}

# Notes the application writes itself, stored as fixed English keys; the
# feature that writes them gives their words (``register_notes`` in its
# ``init_app``), as it does for the codes it stores.
SYSTEM_NOTES: dict[str, object] = {}

# Words for stored values, given by the feature that owns them (``register_values``
# in its ``init_app``): {(table, field): {code: words} or a function code → words}.
VALUE_LABELS: dict[tuple[str, str], Mapping | Callable] = {}

REFERENCE = re.compile(r"^(?:[a-z_]+:)*[a-z_]+:\d+(?::[a-z_]+:\d+)*$")


def action_label(code: str) -> str:
    """The action in words; an unknown code (an old event) as the record type."""
    label = ACTION_LABELS.get(code)
    if label is not None:
        return str(label)
    prefix = code.split(".", 1)[0]
    return _("Change to: %(what)s", what=reference_word(prefix))


def entity_label(entity_type: str) -> str:
    """ "Volunteer" for ``volunteers``; an unknown table as "Record"."""
    return str(ENTITY_LABELS.get(entity_type, _l("Record")))


def entity_text(entity_type: str, entity_id, name: str | None = None) -> str:
    """ "Volunteer #12", or "Volunteer 周婷" when its name is known."""
    label = entity_label(entity_type)
    if name:
        return _("%(what)s %(name)s", what=label, name=name)
    return _("%(what)s #%(id)s", what=label, id=entity_id) if entity_id else label


def reference_word(word: str) -> str:
    label = REFERENCE_WORDS.get(word) or ENTITY_LABELS.get(word)
    if label is None:
        label = ENTITY_LABELS.get(f"{word}s", _l("Record"))
    return str(label)


def reference_text(value: str) -> str:
    """``intake:1`` → "Intake #1"; ``statement:donor:5:year:2026`` →
    "Yearly statement · Donor #5 · Year 2026"."""
    parts, words = [], value.split(":")
    while words:
        word = words.pop(0)
        if words and words[0].isdigit():
            number = words.pop(0)
            if word == "year":
                parts.append(f"{reference_word(word)} {number}")
            else:
                parts.append(
                    _("%(what)s #%(id)s", what=reference_word(word), id=number)
                )
        else:
            parts.append(reference_word(word))
    return " · ".join(parts)


def actor_text(actor_id, actor_label: str, names: dict) -> str:
    """The staff member's name, else who acted in words."""
    if actor_id and actor_id in names:
        return names[actor_id]
    if actor_label in ACTOR_LABELS:
        return str(ACTOR_LABELS[actor_label])
    if REFERENCE.match(actor_label or ""):
        word, _sep, number = actor_label.partition(":")
        if word == "user" and number.isdigit() and int(number) in names:
            return names[int(number)]
        return reference_text(actor_label)
    return actor_label or str(ACTOR_LABELS["system"])


def note_text(note: str) -> str:
    """A note in the reader's language when the application wrote it."""
    label = SYSTEM_NOTES.get(note or "")
    return str(label) if label is not None else note


def register_notes(notes: Mapping) -> None:
    """Words for the fixed notes a feature writes: {stored key: words}."""
    SYSTEM_NOTES.update(notes)


def register_values(labels: dict[tuple[str, str], Mapping | Callable]) -> None:
    """Words for the codes stored in ``(table, field)``: a mapping, or a
    function that returns the words for a code (None when it has none)."""
    VALUE_LABELS.update(labels)


def code_text(code: str, entity_type: str, key: str) -> str | None:
    labels = VALUE_LABELS.get((entity_type, key))
    if labels is None:
        return None
    found = labels(code) if callable(labels) else labels.get(code)
    return None if found is None else str(found)


def value_text(value, entity_type: str = "", key: str = "") -> str:
    """A stored before/after value of ``key`` of a ``entity_type`` record as
    people read it; a dict's keys are fields (or codes) of the same record."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, list):
        return join_list([value_text(v, entity_type, key) for v in value]) or "—"
    if isinstance(value, dict):
        return join_list([pair_text(k, v, entity_type, key) for k, v in value.items()])
    if isinstance(value, str):
        words = code_text(value, entity_type, key)
        if words is not None:
            return words
        if REFERENCE.match(value):
            return reference_text(value)
    return str(value)


def pair_text(name: str, value, entity_type: str, key: str) -> str:
    """``name: value`` inside a dict value: ``name`` is a code of ``key`` (a
    skill) or a field of its own (an intake line's ``basis``)."""
    label = code_text(name, entity_type, key)
    if label is not None:
        return f"{label}: {value_text(value, entity_type, key)}"
    words = field_label(name, ENTITY_LABELS, entity_type)
    return f"{words}: {value_text(value, entity_type, name)}"
