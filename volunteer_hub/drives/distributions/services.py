"""Distributions: goods leaving the drive, never more than is in stock."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.drives.distributions.models import Distribution, DistributionLine
from volunteer_hub.drives.intake.models import Intake
from volunteer_hub.drives.intake.queries import is_reversed, organisation_zone
from volunteer_hub.drives.models import Drive, DriveItem, DropOffPoint
from volunteer_hub.drives.services import user_id
from volunteer_hub.drives.stock.models import StockEntry
from volunteer_hub.drives.stock.services import (
    check_available,
    checked_quantity,
    item_of,
    lock_items,
    place_of,
    wanted_by_place,
)
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.numbering import allocate_number

DISTRIBUTION_SERIES = ("distribution", "CK{year}-{seq:05}")
PEOPLE_FIELDS = ("recipient", "handed_over_by", "received_by")
FORM_FIELDS = (*PEOPLE_FIELDS, "destination", "show_publicly", "note")


def _checked_people(values: dict) -> dict:
    out = {}
    for key in PEOPLE_FIELDS:
        value = (values.get(key) or "").strip()
        limit = 300 if key == "recipient" else 100
        if not value or len(value) > limit:
            raise DomainError(_l("This field is required."), key)
        out[key] = value
    out["destination"] = (values.get("destination") or "").strip()[:500]
    out["note"] = (values.get("note") or "").strip()[:1000]
    return out


def _checked_lines(drive: Drive, lines) -> list[tuple[DriveItem, object]]:
    checked = []
    for n, (item, quantity) in enumerate(list(lines)[:50]):
        if not isinstance(item, DriveItem) or item.drive_id != drive.id:
            raise DomainError(_l("Choose an item of this drive."), f"item_{n}")
        quantity = checked_quantity(quantity, f"quantity_{n}")
        if quantity > 0:
            checked.append((item, quantity))
    if not checked:
        raise DomainError(_l("Enter a quantity for at least one item."), "lines")
    return checked


def record_distribution(
    drive: Drive,
    lines,
    *,
    point: DropOffPoint | None = None,
    show_publicly: bool = True,
    distributed_at: datetime | None = None,
    source_intake: Intake | None = None,
    by=None,
    **people,
) -> Distribution:
    """Record goods leaving ``point``: lines = [(DriveItem, quantity), …].

    ``people``: recipient, handed_over_by, received_by, destination, note. Locks the
    items, then refuses (DomainError) when any item lacks the stock at that place.
    """
    if drive.status == "draft":
        raise DomainError(_l("Open the drive first."))
    if point is not None and point.drive_id != drive.id:
        raise DomainError(_l("Choose a place of this drive."), "point_id")
    values = _checked_people(people)
    checked = _checked_lines(drive, lines)
    point_id = point.id if point else None
    lock_items(item.id for item, _q in checked)
    check_available(wanted_by_place(checked, point_id), "lines")
    _seq, number = allocate_number(
        *DISTRIBUTION_SERIES, at=clock.now().astimezone(organisation_zone())
    )
    distribution = Distribution(
        number=number,
        drive_id=drive.id,
        point_id=point_id,
        show_publicly=bool(show_publicly),
        distributed_at=distributed_at or clock.now(),
        source_intake_id=source_intake.id if source_intake else None,
        created_by_id=user_id(by),
        **values,
        lines=[DistributionLine(drive_item_id=i.id, quantity=q) for i, q in checked],
    )
    db.session.add(distribution)
    db.session.flush()
    _ledger(distribution, "distribution", by=by)
    record("distribution.record", distribution, after=_summary(distribution))
    return distribution


def distribute_goods(drive: Drive, data: dict, *, by=None) -> Distribution:
    """``record_distribution`` from the distribution form: ``point_id`` (an id as
    typed, or "none"), ``lines`` [(item id, quantity), …] and the ``PEOPLE_FIELDS``,
    ``destination``, ``show_publicly`` and ``note``. Raises DomainError."""
    lines = [(item_of(drive, item_id, "lines"), q) for item_id, q in data["lines"]]
    return record_distribution(
        drive,
        lines,
        point=place_of(drive, data.get("point_id"), "point_id"),
        by=by,
        **{key: data.get(key) for key in FORM_FIELDS},
    )


def pass_through(intake: Intake, *, by=None, **people) -> Distribution:
    """Distribute everything ``intake`` just brought in, from the same place.

    Raises DomainError for a reversed intake or when the goods already left.
    """
    if intake.reverses_id is not None or is_reversed(intake):
        raise DomainError(_l("This intake was reversed."))
    drive = db.session.get(Drive, intake.drive_id)
    lines = [
        (line.item, line.quantity_accepted)
        for line in intake.lines
        if line.quantity_accepted > 0
    ]
    return record_distribution(
        drive, lines, point=intake.point, source_intake=intake, by=by, **people
    )


def reverse_distribution(
    distribution: Distribution, reason: str, *, by=None
) -> Distribution:
    """Put a distribution's goods back in stock with a reason (goods returned, or
    recorded by mistake). Raises DomainError if already reversed or no reason."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Give the reason for the correction."), "reason")
    if distribution.reverses_id is not None:
        raise DomainError(_l("A correction cannot itself be reversed."))
    lock_items(line.drive_item_id for line in distribution.lines)
    done = select(Distribution.id).where(Distribution.reverses_id == distribution.id)
    if db.session.scalar(done) is not None:
        raise DomainError(_l("This distribution has already been reversed."))
    _seq, number = allocate_number(
        *DISTRIBUTION_SERIES, at=clock.now().astimezone(organisation_zone())
    )
    reversal = Distribution(
        number=number,
        drive_id=distribution.drive_id,
        point_id=distribution.point_id,
        recipient=distribution.recipient,
        destination=distribution.destination,
        show_publicly=distribution.show_publicly,
        handed_over_by=distribution.handed_over_by,
        received_by=distribution.received_by,
        reverses_id=distribution.id,
        reason=reason[:500],
        created_by_id=user_id(by),
        lines=[
            DistributionLine(drive_item_id=ln.drive_item_id, quantity=-ln.quantity)
            for ln in distribution.lines
        ],
    )
    db.session.add(reversal)
    db.session.flush()
    _ledger(reversal, "reversal", note=distribution.number, by=by)
    record(
        "distribution.reverse",
        reversal,
        before=_summary(distribution),
        after=_summary(reversal),
        note=reason[:500],
    )
    return reversal


def _ledger(distribution: Distribution, kind: str, note: str = "", by=None) -> None:
    """The stock entries of a distribution: each line leaves its place."""
    for line in distribution.lines:
        db.session.add(
            StockEntry(
                drive_id=distribution.drive_id,
                drive_item_id=line.drive_item_id,
                point_id=distribution.point_id,
                kind=kind,
                quantity=-line.quantity,
                distribution_line_id=line.id,
                note=note,
                created_by_id=user_id(by),
            )
        )
    db.session.flush()


def _summary(distribution: Distribution) -> dict:
    return {
        "number": distribution.number,
        "recipient": distribution.recipient,
        "point": distribution.point_id,
        "lines": {str(ln.drive_item_id): ln.quantity for ln in distribution.lines},
    }
