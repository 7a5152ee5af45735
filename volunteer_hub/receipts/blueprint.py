"""The receipts blueprints and what their views share.

``bp`` ("receipts") holds the staff pages; ``public_bp`` ("receipts_public") the
pages a donor or anyone holding a receipt reaches without an account.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort

from volunteer_hub.drives.donors import resolve_donor
from volunteer_hub.drives.models import Donor
from volunteer_hub.extensions import db
from volunteer_hub.receipts.access.services import donor_for_secret
from volunteer_hub.receipts.models import Receipt

bp = Blueprint("receipts", __name__, url_prefix="/receipts")
public_bp = Blueprint("receipts_public", __name__, url_prefix="/receipts")


def receipt_or_404(receipt_id: int) -> Receipt:
    return db.get_or_404(Receipt, receipt_id)


def donor_or_404(donor_id: int) -> Donor:
    """The donor record that ``donor_id`` was merged into (or itself)."""
    donor = resolve_donor(db.get_or_404(Donor, donor_id))
    if donor is None:
        abort(404)
    return donor


def secret_donor_or_404(secret: str) -> Donor:
    """The donor whose personal link carries ``secret``."""
    donor = donor_for_secret(secret)
    if donor is None:
        abort(404)
    return donor


def pdf_response(data: bytes, filename: str, etag: str) -> Response:
    """Stored bytes, cacheable for good: an issued receipt never changes."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    response.set_etag(etag)
    return response
