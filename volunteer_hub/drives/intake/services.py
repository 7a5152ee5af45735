"""Intake: counting what arrives, matching it to pledges, reversing mistakes.

Also the read helpers receipts and reports use: ``accepted_lines(intake)`` and
``donor_intakes(donor, drive=, year=)``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.drives import signals
from volunteer_hub.drives.donors import resolve_donor
from volunteer_hub.drives.models import Donor, Drive, DriveItem, DropOffPoint, Pledge
from volunteer_hub.drives.models_stock import (
    CONDITIONS,
    VALUATION_BASES,
    Intake,
    IntakeLine,
    StockEntry,
)
from volunteer_hub.drives.queries import organisation_zone, reversal_of
from volunteer_hub.drives.services import MAX_MONEY, _user_id
from volunteer_hub.drives.stock import (
    ZERO,
    check_available,
    checked_quantity,
    lock_items,
)
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.numbering import allocate_number

INTAKE_SERIES = ("intake", "RK{year}-{seq:05}")
CENT = Decimal("0.01")


def _valuation(item: DriveItem, accepted: Decimal, basis: str, amount, n: int):
    if basis not in VALUATION_BASES:
        raise DomainError(_l("Choose how the goods were valued."), f"basis_{n}")
    if basis == "not_valued" or accepted == 0:
        return None
    if amount in (None, ""):
        if item.reference_unit_value is None:
            raise DomainError(
                _l("Enter the value of the accepted goods."), f"value_{n}"
            )
        return (item.reference_unit_value * accepted).quantize(CENT)
    try:
        amount = Decimal(str(amount))
    except (ArithmeticError, ValueError):
        raise DomainError(_l("Enter an amount."), f"value_{n}") from None
    if (
        not amount.is_finite()
        or amount < 0
        or amount > MAX_MONEY
        or amount.as_tuple().exponent < -2
    ):
        raise DomainError(
            _l("Enter an amount of 0 or more, at most 2 decimals."), f"value_{n}"
        )
    return amount


def _acceptance_rules(item, line: dict, accepted, received_on: date, n: int):
    if accepted == 0:
        return
    if item.new_only and line.get("condition", "new") != "new":
        raise DomainError(
            _l("Only new goods are accepted for this item."), f"condition_{n}"
        )
    if item.min_shelf_life_days:
        expiry = line.get("expiry_date")
        if expiry is None:
            raise DomainError(_l("Enter the expiry date."), f"expiry_{n}")
        if (expiry - received_on).days < item.min_shelf_life_days:
            raise DomainError(
                _l(
                    "Shelf life is under %(days)d days: reject these goods.",
                    days=item.min_shelf_life_days,
                ),
                f"expiry_{n}",
            )


def build_line(drive: Drive, line: dict, n: int, received_on: date) -> IntakeLine:
    """One checked intake line from form values; raises DomainError naming the field."""
    item = line.get("item")
    if not isinstance(item, DriveItem) or item.drive_id != drive.id:
        raise DomainError(_l("Choose an item of this drive."), f"item_{n}")
    received = checked_quantity(line.get("quantity_received"), f"received_{n}")
    accepted = checked_quantity(
        line.get("quantity_accepted", received), f"accepted_{n}"
    )
    if received <= 0:
        raise DomainError(_l("Enter the quantity received."), f"received_{n}")
    if accepted > received:
        raise DomainError(_l("Cannot accept more than was received."), f"accepted_{n}")
    reason = (line.get("rejection_reason") or "").strip()[:300]
    if accepted < received and not reason:
        raise DomainError(_l("Say why part was rejected."), f"reason_{n}")
    condition = line.get("condition") or "new"
    if condition not in CONDITIONS:
        raise DomainError(_l("Choose the condition."), f"condition_{n}")
    _acceptance_rules(item, line, accepted, received_on, n)
    basis = line.get("valuation_basis") or "not_valued"
    amount = _valuation(item, accepted, basis, line.get("valuation_amount"), n)
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
) -> Intake:
    """Record a delivery: its lines, stock entries for what was accepted, an audit
    event, then send ``signals.intake_recorded``.

    ``lines`` are dicts: item (DriveItem), quantity_received, quantity_accepted,
    rejection_reason, condition, expiry_date, valuation_amount, valuation_basis.
    Raises DomainError (with the field) for anything wrong; nothing is added then.
    """
    donor = _check_parties(drive, donor, pledge, point)
    counters = _counters(counted_by_1, counted_by_2)
    received_at = received_at or clock.now()
    if not lines:
        raise DomainError(_l("Enter at least one item."), "lines")
    built = [
        build_line(drive, line, n, received_at.date())
        for n, line in enumerate(lines[:50])
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
        recorded_by_id=_user_id(),
        lines=built,
        **counters,
    )
    db.session.add(intake)
    db.session.flush()
    _stock_in(intake)
    record("intake.record", intake, after=intake_summary(intake))
    signals.intake_recorded.send(intake)
    return intake


def _counters(first: str, second: str) -> dict:
    first, second = (first or "").strip(), (second or "").strip()
    if not first or len(first) > 100 or len(second) > 100:
        raise DomainError(_l("Enter who counted the goods."), "counted_by_1")
    return {"counted_by_1": first, "counted_by_2": second}


def _stock_in(intake: Intake) -> None:
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
                    created_by_id=_user_id(),
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


def reverse_intake(intake: Intake, reason: str) -> Intake:
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
        recorded_by_id=_user_id(),
        lines=[_negated(line) for line in intake.lines],
    )
    db.session.add(reversal)
    db.session.flush()
    _reverse_stock(intake)
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


def _reverse_stock(intake: Intake) -> None:
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
                created_by_id=_user_id(),
            )
        )
    db.session.flush()
