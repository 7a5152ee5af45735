"""The canonical JSON snapshot: everything a receipt states, frozen at issue.

The PDF is rendered from this snapshot alone, and the snapshot is embedded in the
PDF, so later edits to donors, items, drives or the organisation never change what
an issued receipt says.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.queries import accepted_lines
from volunteer_hub.extensions import db
from volunteer_hub.numerals import to_chinese_capital
from volunteer_hub.receipts.profiles import profile_for

FORMAT = "volunteer-hub-receipt/1"
QUANTITY = Decimal("0.001")


def canonical_json(data: dict) -> str:
    """Sorted keys, no spaces, UTF-8 text: the same data always gives the same bytes."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _tz(org) -> ZoneInfo:
    try:
        return ZoneInfo(org.timezone or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def _quantity(value: Decimal) -> str:
    text = f"{Decimal(value).quantize(QUANTITY):f}".rstrip("0").rstrip(".")
    return text or "0"


def organisation_part(org) -> dict:
    return {
        "name_zh": org.name_zh or "",
        "name_en": org.name_en or "",
        "registration_code": org.registration_code or "",
        "address": org.address or "",
        "contact_phone": org.contact_phone or "",
        "contact_email": org.contact_email or "",
    }


def seal_sha256(org) -> str | None:
    return hashlib.sha256(org.seal_image).hexdigest() if org.seal_image else None


def donor_part(donor) -> dict:
    return {"name": donor.name, "kind": donor.kind, "address": donor.address or ""}


def drive_part(drive: Drive) -> dict:
    return {
        "title_zh": drive.title_zh,
        "title_en": drive.title_en or "",
        "restricted": bool(drive.restricted),
        "restricted_purpose": drive.restricted_purpose if drive.restricted else "",
        "partner_name": drive.partner_name or "",
        "partner_filing_ref": drive.partner_filing_ref or "",
    }


def line_part(line) -> dict:
    item = line.item
    return {
        "item_zh": item.name_zh,
        "item_en": item.name_en or "",
        "unit": item.unit,
        "quantity": _quantity(line.quantity_accepted),
        "condition": line.condition,
        "expiry_date": line.expiry_date.isoformat() if line.expiry_date else None,
        "value": (
            f"{line.valuation_amount:.2f}"
            if line.valuation_amount is not None
            else None
        ),
        "basis": line.valuation_basis,
    }


def intake_part(intake, tz: ZoneInfo, drives: dict) -> dict:
    drive = drives.get(intake.drive_id) or db.session.get(Drive, intake.drive_id)
    drives[intake.drive_id] = drive
    handlers = [n for n in (intake.counted_by_1, intake.counted_by_2) if n]
    return {
        "number": intake.number,
        "received_on": intake.received_at.astimezone(tz).date().isoformat(),
        "handled_by": handlers,
        "drive": drive_part(drive),
        "lines": [line_part(line) for line in accepted_lines(intake)],
    }


def totals(intakes: list[dict], currency: str, jurisdiction: str) -> dict:
    values = [
        Decimal(line["value"])
        for intake in intakes
        for line in intake["lines"]
        if line["value"] is not None
    ]
    profile = profile_for(jurisdiction)
    if not values or not profile.states_values:
        return {"total_value": None, "total_capital": None}
    total = sum(values, Decimal("0.00"))
    capital = (
        to_chinese_capital(total)
        if profile.capital_numerals and currency == "CNY"
        else None
    )
    return {"total_value": f"{total:.2f}", "total_capital": capital}


def build_snapshot(
    *,
    kind: str,
    org,
    donor,
    intakes: list,
    settings,
    number: str,
    verify_code: str,
    verify_url: str,
    issued_at: datetime,
    issued_by: str,
    language: str,
    page_size: str,
    official_receipt_no: str = "",
    replaces: dict | None = None,
    period: dict | None = None,
) -> dict:
    """The snapshot of a receipt; values are strings, lists and dicts only."""
    tz = _tz(org)
    drives: dict = {}
    parts = [intake_part(intake, tz, drives) for intake in intakes]
    jurisdiction = org.jurisdiction or "cn"
    restrictions = sorted(
        {p["drive"]["restricted_purpose"] for p in parts if p["drive"]["restricted"]}
    )
    snapshot = {
        "format": FORMAT,
        "kind": kind,
        "number": number,
        "verify_code": verify_code,
        "verify_url": verify_url,
        "issued_at": issued_at.astimezone(tz).isoformat(timespec="seconds"),
        "issued_on": issued_at.astimezone(tz).date().isoformat(),
        "issued_by": issued_by,
        "jurisdiction": jurisdiction,
        "language": language,
        "page_size": page_size,
        "currency": org.currency or "CNY",
        "organisation": organisation_part(org),
        "seal_sha256": seal_sha256(org),
        "donor": donor_part(donor),
        "intakes": parts,
        "restrictions": restrictions,
        "period": period or {},
        "official_receipt_no": official_receipt_no or "",
        "goods_services": (settings.goods_services_note or "").strip(),
        "wording": (org.receipt_wording or "").strip(),
        "replaces": replaces,
    }
    snapshot.update(totals(parts, snapshot["currency"], jurisdiction))
    return snapshot
