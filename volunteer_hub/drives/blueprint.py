"""The drives blueprint, its ``*_or_404`` loaders and the template filters and
labels every drive page uses."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import format_datetime
from flask_login import current_user

from volunteer_hub.drives.intake.models import CONDITION_LABELS, VALUATION_BASIS_LABELS
from volunteer_hub.drives.models import (
    DONOR_KIND_LABELS,
    DRIVE_STATUS_LABELS,
    PRIORITY_LABELS,
    Drive,
)
from volunteer_hub.drives.stock.models import (
    ADJUSTMENT_REASON_LABELS,
    STOCK_KIND_LABELS,
)
from volunteer_hub.extensions import db

bp = Blueprint("drives", __name__, url_prefix="/drives")


def drive_or_404(drive_id: int) -> Drive:
    return db.get_or_404(Drive, drive_id)


def acting_user():
    """The signed-in user for a service's ``by=``; None for the public."""
    return current_user if current_user.is_authenticated else None


@bp.app_template_filter("when")
def format_when(value) -> str:
    """A timestamp in the organisation's time zone, short form."""
    return "" if value is None else format_datetime(value, "short")


@bp.app_context_processor
def drive_labels():
    return {
        "drive_status_labels": DRIVE_STATUS_LABELS,
        "priority_labels": PRIORITY_LABELS,
        "condition_labels": CONDITION_LABELS,
        "basis_labels": VALUATION_BASIS_LABELS,
        "stock_kind_labels": STOCK_KIND_LABELS,
        "adjustment_labels": ADJUSTMENT_REASON_LABELS,
        "donor_kind_labels": DONOR_KIND_LABELS,
    }
