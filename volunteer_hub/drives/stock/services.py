"""The stock ledger: locking, on-hand sums, transfers and adjustments.

Stock never goes below zero, also when two coordinators take the same goods at the
same moment: every movement that takes stock away first locks the items' rows
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite a write on those rows, which takes
the database write lock before anything is read), then sums the ledger, then adds
its entries, all in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select, text

from volunteer_hub.audit.services import record
from volunteer_hub.drives.models import Drive, DriveItem, DropOffPoint
from volunteer_hub.drives.services import MAX_QUANTITY, user_id
from volunteer_hub.drives.stock.models import ADJUSTMENT_REASONS, StockEntry
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id

ZERO = Decimal("0.000")
# The choice for goods kept without a drop-off point.
NO_PLACE = "none"


def lock_items(item_ids) -> None:
    """Hold the rows of these items until the transaction ends (see module doc)."""
    ids = sorted({int(i) for i in item_ids})
    if not ids:
        return
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            select(DriveItem.id).where(DriveItem.id.in_(ids)).with_for_update()
        )
    else:
        # A no-op write (``updated_at`` must not change, so not ``update()``).
        db.session.execute(
            text("UPDATE drive_items SET id = id WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        )


def on_hand(item_id: int, point_id: int | None) -> Decimal:
    """Stock of one item at one place (``None``: goods kept without a place)."""
    place = (
        (StockEntry.point_id == point_id) if point_id else StockEntry.point_id.is_(None)
    )
    total = db.session.scalar(
        select(func.coalesce(func.sum(StockEntry.quantity), 0)).where(
            StockEntry.drive_item_id == item_id, place
        )
    )
    return Decimal(total or 0).quantize(ZERO)


def stock_by_place(drive: Drive) -> list[tuple[int, int | None, Decimal]]:
    """(item id, point id, on hand) for every place that ever held the item."""
    rows = db.session.execute(
        select(
            StockEntry.drive_item_id, StockEntry.point_id, func.sum(StockEntry.quantity)
        )
        .where(StockEntry.drive_id == drive.id)
        .group_by(StockEntry.drive_item_id, StockEntry.point_id)
    )
    return [(i, p, Decimal(q or 0).quantize(ZERO)) for i, p, q in rows]


def check_available(wanted: dict[tuple[int, int | None], Decimal], field="lines"):
    """Raise DomainError unless every (item, place) has the wanted quantity.

    The caller must have locked the items first.
    """
    for (item_id, point_id), quantity in wanted.items():
        have = on_hand(item_id, point_id)
        if quantity > have:
            item = db.session.get(DriveItem, item_id)
            raise DomainError(
                _l(
                    "Only %(have)s %(unit)s of %(item)s are in stock here.",
                    have=_plain(have),
                    unit=item.unit,
                    item=item.name(get_locale()),
                ),
                field,
            )


def _plain(quantity: Decimal) -> str:
    text = f"{quantity:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def checked_quantity(value, field: str, allow_negative=False) -> Decimal:
    """``value`` as a Decimal with at most 3 places; raises DomainError otherwise."""
    try:
        quantity = Decimal(str(value))
    except (ArithmeticError, ValueError, TypeError):
        raise DomainError(_l("Enter a number."), field) from None
    if not quantity.is_finite() or quantity.as_tuple().exponent < -3:
        raise DomainError(_l("Enter a number with at most 3 decimal places."), field)
    if abs(quantity) > MAX_QUANTITY or (quantity < 0 and not allow_negative):
        raise DomainError(_l("Enter a quantity between 0 and 99,999,999,999."), field)
    return quantity


def _point(drive: Drive, point: DropOffPoint | None, field: str):
    if point is not None and point.drive_id != drive.id:
        raise DomainError(_l("Choose a place of this drive."), field)
    return point.id if point is not None else None


def transfer_stock(
    item: DriveItem, from_point, to_point, quantity, note="", *, by=None
) -> tuple:
    """Move goods between two places: a pair of entries; raises DomainError."""
    quantity = checked_quantity(quantity, "quantity")
    if quantity <= 0:
        raise DomainError(_l("Enter a quantity above zero."), "quantity")
    source = _point(item.drive, from_point, "from_point")
    target = _point(item.drive, to_point, "to_point")
    if source == target:
        raise DomainError(_l("Choose two different places."), "to_point")
    lock_items([item.id])
    check_available({(item.id, source): quantity}, "quantity")
    out = StockEntry(
        drive_id=item.drive_id,
        drive_item_id=item.id,
        point_id=source,
        kind="transfer",
        quantity=-quantity,
        note=note[:500],
        created_by_id=user_id(by),
    )
    db.session.add(out)
    db.session.flush()
    into = StockEntry(
        drive_id=item.drive_id,
        drive_item_id=item.id,
        point_id=target,
        kind="transfer",
        quantity=quantity,
        note=note[:500],
        paired_with_id=out.id,
        created_by_id=user_id(by),
    )
    db.session.add(into)
    db.session.flush()
    record(
        "stock.transfer",
        into,
        after={"item": item.id, "from": source, "to": target, "quantity": quantity},
    )
    return out, into


def adjust_stock(
    item: DriveItem, point, quantity, reason: str, note="", *, by=None
) -> StockEntry:
    """Correct the stock of one item at one place by a signed quantity.

    ``reason`` is one of ADJUSTMENT_REASONS; "other" needs a note. Raises
    DomainError when the result would be below zero.
    """
    quantity = checked_quantity(quantity, "quantity", allow_negative=True)
    if quantity == 0:
        raise DomainError(_l("Enter a quantity other than zero."), "quantity")
    if reason not in ADJUSTMENT_REASONS:
        raise DomainError(_l("Choose a reason."), "reason")
    note = (note or "").strip()
    if reason == "other" and not note:
        raise DomainError(_l("Explain the adjustment."), "note")
    place = _point(item.drive, point, "point")
    lock_items([item.id])
    if quantity < 0:
        check_available({(item.id, place): -quantity}, "quantity")
    entry = StockEntry(
        drive_id=item.drive_id,
        drive_item_id=item.id,
        point_id=place,
        kind="adjustment",
        quantity=quantity,
        reason=reason,
        note=note[:500],
        created_by_id=user_id(by),
    )
    db.session.add(entry)
    db.session.flush()
    record(
        "stock.adjust",
        entry,
        after={"item": item.id, "point": place, "quantity": quantity, "reason": reason},
        note=note[:500],
    )
    return entry


def wanted_by_place(lines, point_id) -> dict:
    wanted: dict = defaultdict(Decimal)
    for item, quantity in lines:
        wanted[(item.id, point_id)] += quantity
    return wanted


def ledger(drive: Drive, item_id: int | None = None):
    """The ledger of a drive (newest first), optionally of one item: a select."""
    statement = (
        select(StockEntry)
        .where(StockEntry.drive_id == drive.id)
        .order_by(StockEntry.id.desc())
    )
    if item_id:
        statement = statement.where(StockEntry.drive_item_id == item_id)
    return statement


def place_of(drive: Drive, raw, field: str) -> DropOffPoint | None:
    """The drive's drop-off point whose id is ``raw``; None for ``NO_PLACE`` or
    empty. Raises DomainError on ``field`` for any other value."""
    if raw == NO_PLACE or not raw:
        return None
    point_id = parse_id(raw)
    point = db.session.get(DropOffPoint, point_id) if point_id else None
    if point is None or point.drive_id != drive.id:
        raise DomainError(_l("Choose a place of this drive."), field)
    return point


def item_of(drive: Drive, raw, field: str = "item_id") -> DriveItem:
    """The drive's item whose id is ``raw``; raises DomainError on ``field``."""
    item_id = parse_id(raw)
    item = db.session.get(DriveItem, item_id) if item_id else None
    if item is None or item.drive_id != drive.id:
        raise DomainError(_l("Choose an item of this drive."), field)
    return item


def record_adjustment(drive: Drive, data: dict, *, by=None) -> StockEntry:
    """``adjust_stock`` from the adjustment form's ``item_id``, ``point_id``,
    ``quantity``, ``reason`` and ``note``; raises DomainError naming the field."""
    return adjust_stock(
        item_of(drive, data.get("item_id")),
        place_of(drive, data.get("point_id"), "point_id"),
        data.get("quantity"),
        data.get("reason"),
        data.get("note") or "",
        by=by,
    )


def record_transfer(drive: Drive, data: dict, *, by=None) -> tuple:
    """``transfer_stock`` from the transfer form's ``item_id``, ``from_point``,
    ``to_point``, ``quantity`` and ``note``; raises DomainError naming the field."""
    return transfer_stock(
        item_of(drive, data.get("item_id")),
        place_of(drive, data.get("from_point"), "from_point"),
        place_of(drive, data.get("to_point"), "to_point"),
        data.get("quantity"),
        data.get("note") or "",
        by=by,
    )
