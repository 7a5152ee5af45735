"""The names of the fields an audit event's before/after values are stored under.

Values are stored by column name (``max_hours_per_month``); the log shows these
words instead. A column that refers to another record (``partner_id``) is named
after that record; a column not listed here is shown with its words spaced out.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

FIELD_LABELS = {
    "acceptance_note": _l("Acceptance note"),
    "accepted": _l("Accepted"),
    "available": _l("Available"),
    "basis": _l("Basis of value"),
    "condition": _l("Condition"),
    "from": _l("From"),
    "group": _l("Group"),
    "item": _l("Item"),
    "language": _l("Language"),
    "received": _l("Received"),
    "reminder_message_id": _l("Reminder message"),
    "to": _l("To"),
    "value": _l("Value"),
    "active": _l("Active"),
    "address": _l("Address"),
    "amount": _l("Amount"),
    "beneficiary": _l("Beneficiary"),
    "by_name": _l("By"),
    "category": _l("Category"),
    "certified": _l("Certified"),
    "consent_version": _l("Privacy notice version"),
    "contact_email": _l("Contact e-mail"),
    "contact_name": _l("Contact person"),
    "contact_phone": _l("Contact phone"),
    "copies": _l("Copies"),
    "country": _l("Country"),
    "created_at": _l("Created at"),
    "currency": _l("Currency"),
    "day": _l("Date"),
    "deadline": _l("Deadline"),
    "decision": _l("Decision"),
    "decision_on": _l("Decided on"),
    "default_locale": _l("Default language"),
    "description": _l("Description"),
    "district": _l("District or community"),
    "email": _l("E-mail"),
    "end_date": _l("End date"),
    "ends_at": _l("Ends at"),
    "ends_on": _l("Ends on"),
    "experienced": _l("Experienced"),
    "expires_on": _l("Expires on"),
    "given_on": _l("Given on"),
    "happened_on": _l("Happened on"),
    "hours": _l("Hours"),
    "id": _l("Record number"),
    "interested": _l("Interested"),
    "is_core": _l("Core volunteer"),
    "issued_on": _l("Issued on"),
    "jurisdiction": _l("Receipt rules"),
    "kind": _l("Kind"),
    "lines": _l("Lines"),
    "max_hours_per_month": _l("At most per month"),
    "min_level": _l("Lowest level"),
    "min_shelf_life_days": _l("Shortest shelf life (days)"),
    "name": _l("Name"),
    "name_en": _l("Name in English"),
    "name_zh": _l("Name in Chinese"),
    "new_only": _l("New items only"),
    "none": _l("None"),
    "note": _l("Note"),
    "notes": _l("Notes"),
    "number": _l("Number"),
    "origin": _l("Origin"),
    "part": _l("Part of the day"),
    "partner_filing_ref": _l("Partner's filing number"),
    "partner_name": _l("Partner name"),
    "partner_type": _l("Partner type"),
    "personnel_share": _l("Personnel share"),
    "phone": _l("Phone"),
    "place": _l("Place"),
    "priority": _l("Priority"),
    "public": _l("Public"),
    "public_url": _l("Public address"),
    "purpose": _l("Purpose"),
    "quantity": _l("Quantity"),
    "reason": _l("Reason"),
    "receipt_wording": _l("Receipt wording"),
    "recipient": _l("Recipient"),
    "reference_unit_value": _l("Reference unit value"),
    "registration_code": _l("Registration code"),
    "replaces": _l("Replaces"),
    "required_documents": _l("Required documents"),
    "requires_certificate": _l("Certificate required"),
    "resource_kinds": _l("Resources they can give"),
    "restricted": _l("Restricted"),
    "restricted_category": _l("Restricted to category"),
    "restricted_purpose": _l("Restricted to purpose"),
    "role": _l("Role"),
    "score": _l("Score"),
    "served_on": _l("Date served"),
    "sha256": _l("SHA-256 fingerprint"),
    "show_publicly": _l("Shown publicly"),
    "slots": _l("Places"),
    "slug": _l("Web address"),
    "source": _l("Source"),
    "source_key": _l("Issued for"),
    "specialties": _l("Skills"),
    "start_date": _l("Start date"),
    "starts_at": _l("Starts at"),
    "starts_on": _l("Starts on"),
    "status": _l("Status"),
    "summary": _l("Summary"),
    "target_quantity": _l("Target quantity"),
    "timezone": _l("Time zone"),
    "title": _l("Title"),
    "title_en": _l("Title in English"),
    "title_zh": _l("Title in Chinese"),
    "unit": _l("Unit"),
    "until": _l("Until"),
    "value_amount": _l("Value"),
    "value_basis": _l("Basis of value"),
    "weekdays": _l("Weekdays"),
    "weeks": _l("Weeks"),
}

# A field whose name means something else in one table.
ENTITY_FIELD_LABELS = {("volunteers", "slots"): _l("Availability")}

# Columns that refer to another record under a name of their own.
PERSON_COLUMNS = {
    "by_id": _l("By"),
    "buyer_id": _l("Buyer"),
    "created_by_id": _l("Created by"),
    "recorded_by_id": _l("Recorded by"),
    "reviewed_by_id": _l("Reviewed by"),
    "reverses_id": _l("Reverses"),
    "replaces_id": _l("Replaces"),
    "line_id": _l("Budget line"),
}
# The table those columns refer to; None: the record's own table.
REFERENCED_TABLES = {
    "by_id": "users",
    "buyer_id": "partners",
    "created_by_id": "users",
    "recorded_by_id": "users",
    "reviewed_by_id": "users",
    "reverses_id": None,
    "replaces_id": None,
    "line_id": "budget_lines",
    "reminder_message_id": "outbox_messages",
}


def field_label(key: str, entity_labels: dict, entity_type: str = "") -> str:
    """Words for the stored field ``key`` of an ``entity_type`` record."""
    label = ENTITY_FIELD_LABELS.get((entity_type, key))
    label = label or FIELD_LABELS.get(key) or PERSON_COLUMNS.get(key)
    if label is None:
        label = entity_labels.get(table_name(key.removesuffix("_id")))
    return str(label) if label is not None else key.replace("_", " ")


def table_name(word: str) -> str:
    """``opportunity`` → ``opportunities``, ``donor`` → ``donors``."""
    return f"{word[:-1]}ies" if word.endswith("y") else f"{word}s"


def referenced_table(key: str, entity_type: str, entity_labels: dict) -> str | None:
    """The table the id stored under ``key`` points into, if it names one."""
    if key in REFERENCED_TABLES:
        return REFERENCED_TABLES[key] or entity_type
    if key.endswith("_id"):
        table = table_name(key.removesuffix("_id"))
        return table if table in entity_labels else None
    return None
