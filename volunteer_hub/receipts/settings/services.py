"""The receipt settings: how receipts are issued and numbered."""

from __future__ import annotations

from sqlalchemy import select

from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.numbering import NumberSeries, change_pattern, ensure_series
from volunteer_hub.receipts.models import SERIES, ReceiptSettings
from volunteer_hub.receipts.services import get_settings

SETTING_FIELDS = ("auto_issue", "language", "page_size", "goods_services_note")
# The settings form's field for each kind's number pattern.
PATTERN_FIELDS = {"intake": "receipt_pattern", "statement": "statement_pattern"}


def series_patterns() -> dict[str, str]:
    """The number pattern of each kind (its default until a series exists)."""
    found = {}
    for kind, (code, default) in SERIES.items():
        series = db.session.scalar(
            select(NumberSeries).where(NumberSeries.code == code)
        )
        found[kind] = series.pattern if series else default
    return found


def save_settings(values: dict) -> ReceiptSettings:
    """Store ``values`` (the settings form's data) and audit what changed.

    Raises DomainError on the pattern's field when a number pattern is refused.
    """
    current = get_settings()
    patterns = series_patterns()
    before = snapshot(current, SETTING_FIELDS)
    for name in SETTING_FIELDS:
        setattr(current, name, values[name])
    old, new = changed_fields(before, snapshot(current, SETTING_FIELDS))
    if new:
        record("receipt.settings", current, before=old, after=new)
    for kind, field in PATTERN_FIELDS.items():
        if values[field] != patterns[kind]:
            _change_pattern(kind, values[field], field)
    return current


def _change_pattern(kind: str, wanted: str, field: str) -> None:
    code, default = SERIES[kind]
    ensure_series(code, default)
    try:
        change_pattern(code, wanted, default)
    except DomainError as error:
        raise DomainError(error.message, field) from None
