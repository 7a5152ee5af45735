"""Pledges: what donors promise, and how much of it is still outstanding.

A pledge line counts as fulfilled by the *accepted* quantity of the intake lines
matched to it: goods that were rejected still have to come.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.drives.donors.services import donor_from_form
from volunteer_hub.drives.intake.models import IntakeLine
from volunteer_hub.drives.models import Donor, Drive, DriveItem, Pledge, PledgeLine
from volunteer_hub.drives.services import user_id
from volunteer_hub.drives.stock.services import ZERO, checked_quantity
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id

MAX_LINES = 50


def _drive_item(drive: Drive, item_id, field="lines") -> DriveItem:
    item_id = parse_id(item_id)
    item = db.session.get(DriveItem, item_id) if item_id else None
    if item is None or item.drive_id != drive.id:
        raise DomainError(_l("Choose an item of this drive."), field)
    return item


def _totals(drive: Drive, lines, still_needed: dict | None) -> dict[int, Decimal]:
    """{item id: total quantity > 0}; refuses items not needed any more."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for item_id, quantity in list(lines)[: MAX_LINES + 1]:
        item = _drive_item(drive, item_id)
        quantity = checked_quantity(quantity, f"quantity_{item.id}")
        if not item.is_goal:
            raise DomainError(_l("Choose an item of this drive."), "lines")
        if quantity and still_needed is not None and still_needed.get(item.id, 0) <= 0:
            raise DomainError(
                _l("%(item)s is no longer needed.", item=item.name(get_locale())),
                f"quantity_{item.id}",
            )
        totals[item.id] += quantity
    totals = {i: q for i, q in totals.items() if q > 0}
    if not totals:
        raise DomainError(_l("Enter a quantity for at least one item."), "lines")
    return totals


def create_pledge(
    drive: Drive,
    donor: Donor,
    lines,
    *,
    expected_on: date | None = None,
    note: str = "",
    source: str = "staff",
    still_needed: dict | None = None,
    actor_label=None,
    by=None,
) -> Pledge:
    """Record a pledge of ``lines`` = [(item id, quantity), …].

    Quantities of repeated items are added up; zero lines are dropped. From the
    public page (``source="public"``) only goals still needed may be pledged
    (``still_needed``: {item id: quantity}). Raises DomainError for a closed drive,
    unknown items, bad quantities or an empty pledge.
    """
    if drive.status != "open":
        raise DomainError(_l("This drive is not taking pledges."))
    totals = _totals(drive, lines, still_needed if source == "public" else None)
    if expected_on is not None and abs(expected_on.year - clock.now().year) > 2:
        raise DomainError(_l("Enter a valid date."), "expected_on")
    pledge = Pledge(
        drive_id=drive.id,
        donor_id=donor.id,
        expected_on=expected_on,
        note=(note or "")[:1000],
        source=source,
        created_by_id=user_id(by),
    )
    db.session.add(pledge)
    for item_id, quantity in totals.items():
        pledge.lines.append(PledgeLine(drive_item_id=item_id, quantity=quantity))
    db.session.flush()
    record(
        "pledge.create",
        pledge,
        actor_label=actor_label,
        after={
            "drive": drive.id,
            "donor": donor.id,
            "source": source,
            "lines": {str(i): q for i, q in totals.items()},
        },
    )
    return pledge


def record_pledge(
    drive: Drive,
    data: dict,
    *,
    source: str = "staff",
    still_needed: dict | None = None,
    by=None,
) -> Pledge:
    """Find or create the donor of ``data`` and record their pledge.

    ``data``: the donor fields of ``donors.services.donor_from_form``, ``lines``
    [(item id, quantity), …], ``expected_on`` and ``note``. A pledge from the
    public page (``source="public"``) is audited as the public's. Raises
    DomainError naming the form field (``donor_phone``, ``quantity_<item id>`` …).
    """
    actor_label = "public" if source == "public" else None
    donor = donor_from_form(data, actor_label=actor_label)
    return create_pledge(
        drive,
        donor,
        data["lines"],
        expected_on=data.get("expected_on"),
        note=data.get("note") or "",
        source=source,
        still_needed=still_needed,
        actor_label=actor_label,
        by=by,
    )


def cancel_pledge(pledge: Pledge, reason: str) -> None:
    """Mark a pledge as not coming; raises DomainError without a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Give a reason."), "reason")
    if pledge.cancelled_at is not None:
        raise DomainError(_l("This pledge was already cancelled."))
    pledge.cancelled_at = clock.now()
    pledge.cancel_reason = reason[:500]
    record("pledge.cancel", pledge, after={"cancelled": True}, note=reason[:500])


def fulfilled_by_line(line_ids) -> dict[int, Decimal]:
    """{pledge line id: accepted quantity delivered against it}."""
    ids = list(line_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(IntakeLine.pledge_line_id, func.sum(IntakeLine.quantity_accepted))
        .where(IntakeLine.pledge_line_id.in_(ids))
        .group_by(IntakeLine.pledge_line_id)
    )
    return {i: Decimal(q or 0).quantize(ZERO) for i, q in rows}


def pledge_lines_status(pledge: Pledge) -> list[dict]:
    """Per line: item, pledged, delivered (accepted) and outstanding."""
    delivered = fulfilled_by_line(line.id for line in pledge.lines)
    rows = []
    for line in pledge.lines:
        done = delivered.get(line.id, ZERO)
        rows.append(
            {
                "line": line,
                "item": line.item,
                "pledged": line.quantity,
                "delivered": done,
                "outstanding": ZERO
                if pledge.cancelled_at
                else max(line.quantity - done, ZERO),
            }
        )
    return rows


def pledge_is_fulfilled(pledge: Pledge) -> bool:
    return all(row["outstanding"] <= 0 for row in pledge_lines_status(pledge))


def open_pledges(drive: Drive):
    """A select of the drive's pledges, newest first, not cancelled."""
    return (
        select(Pledge)
        .where(Pledge.drive_id == drive.id, Pledge.cancelled_at.is_(None))
        .order_by(Pledge.id.desc())
    )


def outstanding_lines(drive: Drive, raw_pledge_id) -> list[dict]:
    """The still outstanding lines (``pledge_lines_status``) of the drive's open
    pledge whose id is ``raw_pledge_id``; empty when none, foreign or malformed."""
    pledge_id = parse_id(raw_pledge_id)
    pledge = db.session.get(Pledge, pledge_id) if pledge_id else None
    if pledge is None or pledge.drive_id != drive.id or pledge.cancelled_at:
        return []
    return [r for r in pledge_lines_status(pledge) if r["outstanding"] > 0]
