"""Intake: counting what arrives, matching it to pledges, reversing mistakes.

``record_delivery`` is what the intake form calls; ``record_intake`` is the
building block it (and the demo, and tests) use. A line's error names the line's
form field, ``line-<n>-<field>`` (``n`` counts from 0), so it is shown on that line.
The read helpers receipts and reports use are in ``queries.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.drives import signals
from volunteer_hub.drives.donors.services import donor_from_form, resolve_donor
from volunteer_hub.drives.intake.models import (
    CONDITIONS,
    VALUATION_BASES,
    Intake,
    IntakeLine,
)
from volunteer_hub.drives.intake.queries import organisation_zone, reversal_of
from volunteer_hub.drives.models import Donor, Drive, DriveItem, DropOffPoint, Pledge
from volunteer_hub.drives.services import MAX_MONEY, find_other_item, user_id
from volunteer_hub.drives.stock.models import StockEntry
from volunteer_hub.drives.stock.services import (
    ZERO,
    check_available,
    checked_quantity,
    lock_items,
)
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id
from volunteer_hub.numbering import allocate_number
from volunteer_hub.numbers import money

INTAKE_SERIES = ("intake", "RK{year}-{seq:05}")
CENT = Decimal("0.01")
MAX_LINES = 50


def line_field(n: int, name: str) -> str:
    """The form field of line ``n`` (from 0) that an error belongs to."""
    return f"line-{n}-{name}"


def _valuation(item: DriveItem, accepted: Decimal, basis: str, amount, n: int):
    """(basis, value) of a line; the value is None when not valued."""
    if basis not in VALUATION_BASES:
        raise DomainError(
            _l("Choose how the goods were valued."), line_field(n, "valuation_basis")
        )
    if basis == "reference":
        return _reference_value(item, accepted, amount, n)
    if basis == "not_valued" or accepted == 0:
        return basis, None
    if amount in (None, ""):
        if item.reference_unit_value is None:
            raise DomainError(
                _l("Enter the value of the accepted goods."),
                line_field(n, "valuation_amount"),
            )
        return basis, (item.reference_unit_value * accepted).quantize(CENT)
    return basis, _typed_amount(amount, n)


def _reference_value(item: DriveItem, accepted: Decimal, amount, n: int):
    """The item's reference value × the accepted quantity; an item without one
    is not valued. A typed amount must agree (another basis for another value)."""
    typed = None if amount in (None, "") else _typed_amount(amount, n)
    if item.reference_unit_value is None:
        if typed is not None:
            raise DomainError(
                _l("This item has no reference value: choose how it was valued."),
                line_field(n, "valuation_basis"),
            )
        return "not_valued", None
    if accepted == 0:
        return "reference", None
    value = (item.reference_unit_value * accepted).quantize(CENT)
    if typed is not None and typed != value:
        raise DomainError(
            _l(
                "At the reference value this is %(value)s: choose another basis"
                " for a different value.",
                value=money(value),
            ),
            line_field(n, "valuation_basis"),
        )
    return "reference", value


def _typed_amount(amount, n: int) -> Decimal:
    try:
        amount = Decimal(str(amount))
    except (ArithmeticError, ValueError):
        raise DomainError(
            _l("Enter an amount."), line_field(n, "valuation_amount")
        ) from None
    if (
        not amount.is_finite()
        or amount < 0
        or amount > MAX_MONEY
        or amount.as_tuple().exponent < -2
    ):
        raise DomainError(
            _l("Enter an amount of 0 or more, at most 2 decimals."),
            line_field(n, "valuation_amount"),
        )
    return amount


def _acceptance_rules(item, line: dict, accepted, received_on: date, n: int):
    if accepted == 0:
        return
    if item.new_only and line.get("condition", "new") != "new":
        raise DomainError(
            _l("Only new goods are accepted for this item."), line_field(n, "condition")
        )
    if item.min_shelf_life_days:
        expiry = line.get("expiry_date")
        if expiry is None:
            raise DomainError(
                _l("Enter the expiry date."), line_field(n, "expiry_date")
            )
        if (expiry - received_on).days < item.min_shelf_life_days:
            raise DomainError(
                _l(
                    "Shelf life is under %(days)d days: reject these goods.",
                    days=item.min_shelf_life_days,
                ),
                line_field(n, "expiry_date"),
            )


def build_line(drive: Drive, line: dict, n: int, received_on: date) -> IntakeLine:
    """One checked intake line from form values; raises DomainError naming the field."""
    item = line.get("item")
    if not isinstance(item, DriveItem) or item.drive_id != drive.id:
        raise DomainError(_l("Choose an item of this drive."), line_field(n, "item"))
    received = checked_quantity(
        line.get("quantity_received"), line_field(n, "quantity_received")
    )
    accepted = checked_quantity(
        line.get("quantity_accepted", received), line_field(n, "quantity_accepted")
    )
    if received <= 0:
        raise DomainError(
            _l("Enter the quantity received."), line_field(n, "quantity_received")
        )
    if accepted > received:
        raise DomainError(
            _l("Cannot accept more than was received."),
            line_field(n, "quantity_accepted"),
        )
    reason = (line.get("rejection_reason") or "").strip()[:300]
    if accepted < received and not reason:
        raise DomainError(
            _l("Say why part was rejected."), line_field(n, "rejection_reason")
        )
    condition = line.get("condition") or "new"
    if condition not in CONDITIONS:
        raise DomainError(_l("Choose the condition."), line_field(n, "condition"))
    _acceptance_rules(item, line, accepted, received_on, n)
    basis, amount = _valuation(
        item,
        accepted,
        line.get("valuation_basis") or "reference",
        line.get("valuation_amount"),
        n,
    )
    return IntakeLine(
        drive_item_id=item.id,
        quantity_received=received,
        quantity_accepted=accepted,
        rejection_reason=reason,
        condition=condition,
        expiry_date=line.get("expiry_date"),
        valuation_amount=amount,
        valuation_basis=basis,
        pledge_line_id=line.get("pledge_line_id"),
    )


def _match_pledge(pledge: Pledge | None, lines: list[IntakeLine]) -> None:
    """Point each line at the pledge's line for the same item, if any."""
    if pledge is None:
        return
    by_item = {pl.drive_item_id: pl.id for pl in pledge.lines}
    for line in lines:
        if line.pledge_line_id not in by_item.values():
            line.pledge_line_id = by_item.get(line.drive_item_id)


def _check_parties(drive, donor, pledge, point):
    if drive.status != "open":
        raise DomainError(_l("Intake can be recorded only while the drive is open."))
    if pledge is not None:
        if pledge.drive_id != drive.id or pledge.cancelled_at is not None:
            raise DomainError(_l("Choose an open pledge of this drive."), "pledge_id")
        owner = resolve_donor(pledge.donor)
        if donor is not None and resolve_donor(donor).id != owner.id:
            raise DomainError(_l("This pledge belongs to another donor."), "pledge_id")
        donor = donor or pledge.donor
    if point is not None and point.drive_id != drive.id:
        raise DomainError(_l("Choose a drop-off point of this drive."), "point_id")
    return donor


def record_intake(
    drive: Drive,
    lines: list[dict],
    *,
    counted_by_1: str,
    counted_by_2: str = "",
    donor: Donor | None = None,
    pledge: Pledge | None = None,
    point: DropOffPoint | None = None,
    note: str = "",
    received_at: datetime | None = None,
    by=None,
) -> Intake:
    """Record a delivery: its lines, stock entries for what was accepted, an audit
    event, then send ``signals.intake_recorded``.

    ``lines`` are dicts: item (DriveItem), quantity_received, quantity_accepted,
    rejection_reason, condition, expiry_date, valuation_amount, valuation_basis
    (by default ``reference``: the item's reference value, or not valued),
    and optionally ``n``, the line's number on the form (its position otherwise).
    Raises DomainError (with the field) for anything wrong; nothing is added then.
    """
    donor = _check_parties(drive, donor, pledge, point)
    counters = _counters(counted_by_1, counted_by_2)
    received_at = received_at or clock.now()
    if not lines:
        raise DomainError(_l("Enter at least one item."), "lines")
    built = [
        build_line(drive, line, line.get("n", n), received_at.date())
        for n, line in enumerate(lines[:MAX_LINES])
    ]
    _match_pledge(pledge, built)
    # Numbered in the order intakes are recorded (a register), not by the
    # delivery date, which may be back-dated into an earlier year.
    _seq, number = allocate_number(
        *INTAKE_SERIES, at=clock.now().astimezone(organisation_zone())
    )
    intake = Intake(
        number=number,
        drive_id=drive.id,
        donor_id=donor.id if donor else None,
        pledge_id=pledge.id if pledge else None,
        point_id=point.id if point else None,
        received_at=received_at,
        note=(note or "")[:1000],
        recorded_by_id=user_id(by),
        lines=built,
        **counters,
    )
    db.session.add(intake)
    db.session.flush()
    _stock_in(intake, by)
    record("intake.record", intake, after=intake_summary(intake))
    signals.intake_recorded.send(intake)
    return intake


def record_delivery(drive: Drive, data: dict, *, by=None) -> Intake:
    """Record what the intake form describes: resolve the pledge, the lines' items
    (creating "other" items), the donor and the drop-off point, then
    ``record_intake``.

    ``data``: ``pledge_id`` and ``point_id`` (ids as typed, may be empty), the donor
    fields of ``donor_from_form``, ``counted_by_1``, ``counted_by_2``, ``note`` and
    ``line``: a dict per form line (``item``: an id or "other", ``other_name``,
    ``other_unit`` and the fields of ``record_intake``'s lines). A line without
    quantities is not part of this delivery (an item of the pledge that did not
    come this time). Raises DomainError naming the form field; adds nothing then.
    """
    pledge = _of_drive(Pledge, data.get("pledge_id"), drive, "pledge_id")
    lines = _delivery_lines(drive, data.get("line") or [], by)
    donor = _delivery_donor(data, pledge)
    return record_intake(
        drive,
        lines,
        donor=donor,
        pledge=pledge,
        point=_of_drive(DropOffPoint, data.get("point_id"), drive, "point_id"),
        counted_by_1=data.get("counted_by_1") or "",
        counted_by_2=data.get("counted_by_2") or "",
        note=data.get("note") or "",
        by=by,
    )


def _of_drive(model, raw, drive: Drive, field: str):
    """The ``model`` row of ``drive`` with the id ``raw``; None when it is empty."""
    if not raw:
        return None
    row_id = parse_id(raw)
    row = db.session.get(model, row_id) if row_id else None
    if row is None or row.drive_id != drive.id:
        raise DomainError(_l("Choose an entry of this drive."), field)
    return row


def _delivery_lines(drive: Drive, rows: list[dict], by) -> list[dict]:
    lines = []
    for n, row in enumerate(rows[:MAX_LINES]):
        received, accepted = row.get("quantity_received"), row.get("quantity_accepted")
        if received is None and accepted is None:
            continue
        lines.append(
            {
                **row,
                "n": n,
                "item": _line_item(drive, row, n, by),
                "quantity_accepted": received if accepted is None else accepted,
            }
        )
    return lines


def _line_item(drive: Drive, row: dict, n: int, by) -> DriveItem:
    if row.get("item") == "other":
        return find_other_item(
            drive,
            row.get("other_name"),
            row.get("other_unit"),
            by=by,
            field_prefix=line_field(n, ""),
        )
    item = _of_drive(DriveItem, row.get("item"), drive, line_field(n, "item"))
    if item is None:
        raise DomainError(_l("Choose an item."), line_field(n, "item"))
    return item


def _delivery_donor(data: dict, pledge: Pledge | None) -> Donor | None:
    """The donor the form names; None when nobody is named (anonymous, or the
    pledge's donor when a pledge is chosen without a donor name)."""
    if pledge is not None and not data.get("donor_name"):
        return None
    if not any(data.get(k) for k in ("donor_name", "donor_phone", "donor_email")):
        return None
    return donor_from_form(data)


def _counters(first: str, second: str) -> dict:
    first, second = (first or "").strip(), (second or "").strip()
    if not first or len(first) > 100 or len(second) > 100:
        raise DomainError(_l("Enter who counted the goods."), "counted_by_1")
    return {"counted_by_1": first, "counted_by_2": second}


def _stock_in(intake: Intake, by) -> None:
    """One ledger entry per line with goods accepted, at the intake's place."""
    for line in intake.lines:
        if line.quantity_accepted > 0:
            db.session.add(
                StockEntry(
                    drive_id=intake.drive_id,
                    drive_item_id=line.drive_item_id,
                    point_id=intake.point_id,
                    kind="intake",
                    quantity=line.quantity_accepted,
                    intake_line_id=line.id,
                    created_by_id=user_id(by),
                )
            )
    db.session.flush()


def intake_summary(intake: Intake) -> dict:
    return {
        "number": intake.number,
        "drive": intake.drive_id,
        "donor": intake.donor_id,
        "pledge": intake.pledge_id,
        "point": intake.point_id,
        "lines": [
            {
                "item": ln.drive_item_id,
                "received": ln.quantity_received,
                "accepted": ln.quantity_accepted,
                "value": ln.valuation_amount,
                "basis": ln.valuation_basis,
            }
            for ln in intake.lines
        ],
    }


def reverse_intake(intake: Intake, reason: str, *, by=None) -> Intake:
    """Cancel a recorded intake in full with a reversing intake and stock entries.

    Raises DomainError without a reason, for a reversal or an already reversed
    intake, or when the accepted goods are no longer in stock (distributed).
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Give the reason for the correction."), "reason")
    if intake.reverses_id is not None:
        raise DomainError(_l("A correction cannot itself be reversed."))
    lock_items(line.drive_item_id for line in intake.lines)
    if reversal_of(intake) is not None:
        raise DomainError(_l("This intake has already been reversed."))
    wanted = {}
    for line in intake.lines:
        key = (line.drive_item_id, intake.point_id)
        wanted[key] = wanted.get(key, ZERO) + line.quantity_accepted
    check_available({k: q for k, q in wanted.items() if q > 0}, "reason")
    _seq, number = allocate_number(
        *INTAKE_SERIES, at=clock.now().astimezone(organisation_zone())
    )
    reversal = Intake(
        number=number,
        drive_id=intake.drive_id,
        donor_id=intake.donor_id,
        pledge_id=intake.pledge_id,
        point_id=intake.point_id,
        counted_by_1=intake.counted_by_1,
        counted_by_2=intake.counted_by_2,
        reverses_id=intake.id,
        reason=reason[:500],
        recorded_by_id=user_id(by),
        lines=[_negated(line) for line in intake.lines],
    )
    db.session.add(reversal)
    db.session.flush()
    _reverse_stock(intake, by)
    record(
        "intake.reverse",
        reversal,
        before=intake_summary(intake),
        after=intake_summary(reversal),
        note=reason[:500],
    )
    signals.intake_reversed.send(reversal, original=intake)
    return reversal


def _negated(line: IntakeLine) -> IntakeLine:
    return IntakeLine(
        drive_item_id=line.drive_item_id,
        pledge_line_id=line.pledge_line_id,
        quantity_received=-line.quantity_received,
        quantity_accepted=-line.quantity_accepted,
        rejection_reason=line.rejection_reason,
        condition=line.condition,
        expiry_date=line.expiry_date,
        valuation_amount=-line.valuation_amount if line.valuation_amount else None,
        valuation_basis=line.valuation_basis,
        reverses_line_id=line.id,
    )


def _reverse_stock(intake: Intake, by) -> None:
    entries = db.session.scalars(
        select(StockEntry).where(
            StockEntry.intake_line_id.in_([line.id for line in intake.lines]),
            StockEntry.kind == "intake",
        )
    )
    for entry in entries:
        db.session.add(
            StockEntry(
                drive_id=entry.drive_id,
                drive_item_id=entry.drive_item_id,
                point_id=entry.point_id,
                kind="reversal",
                quantity=-entry.quantity,
                intake_line_id=entry.intake_line_id,
                reverses_id=entry.id,
                note=intake.number,
                created_by_id=user_id(by),
            )
        )
    db.session.flush()
