"""Checking a receipt in public: by its code, or by uploading the PDF."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from volunteer_hub.extensions import db
from volunteer_hub.receipts import signing
from volunteer_hub.receipts.models import Receipt
from volunteer_hub.receipts.render import embedded_snapshot
from volunteer_hub.receipts.services import normalise_code

MAX_UPLOAD = 5 * 1024 * 1024


def mask_name(name: str) -> str:
    """张三丰 → 张**, Mary Smith → M*** S****: enough to recognise, not to read."""
    name = (name or "").strip()
    if not name:
        return ""
    if any("\u4e00" <= c <= "\u9fff" for c in name) or " " not in name:
        return name[0] + "*" * min(len(name) - 1, 6) if len(name) > 1 else name
    return " ".join(w[0] + "*" * min(len(w) - 1, 6) for w in name.split())


def receipt_by_code(code: str) -> Receipt | None:
    """The receipt whose verification code is ``code`` as typed, or None."""
    code = normalise_code(code)
    if not code:
        return None
    return db.session.scalar(select(Receipt).where(Receipt.verify_code == code))


def check_upload(receipt: Receipt | None, data: bytes) -> dict:
    """What an uploaded file is: our exact PDF (of ``receipt``, when given), one
    of our other receipts, a PDF claiming a number, and its signature."""
    digest = hashlib.sha256(data).hexdigest()
    match = db.session.scalar(select(Receipt).where(Receipt.pdf_sha256 == digest))
    claimed = embedded_snapshot(data) if match is None else None
    return {
        "exact": match is not None and (receipt is None or match.id == receipt.id),
        "other": match is not None and receipt is not None and match.id != receipt.id,
        "claims": (claimed or {}).get("number"),
        "signature": signing.check_signature(data) if data[:5] == b"%PDF-" else None,
        "match": match,
    }
