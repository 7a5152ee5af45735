"""Drives, drop-off points and item goals (with the history of every goal change).

Every function that writes takes the acting staff member as ``by`` (None for the
demo, the CLI or the public), flushes and writes an audit event; none commits.
"""

from __future__ import annotations

import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.drives.models import (
    Drive,
    DriveItem,
    DriveItemRevision,
    DropOffPoint,
)
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db

DRIVE_FIELDS = (
    "title_zh",
    "title_en",
    "slug",
    "purpose",
    "beneficiary",
    "starts_on",
    "ends_on",
    "restricted",
    "restricted_purpose",
    "public",
    "partner_name",
    "partner_filing_ref",
)
ITEM_FIELDS = (
    "name_zh",
    "name_en",
    "unit",
    "target_quantity",
    "reference_unit_value",
    "min_shelf_life_days",
    "new_only",
    "acceptance_note",
    "priority",
)
POINT_FIELDS = ("name", "address", "hours", "active")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Paths under /drives/ that staff pages use; a slug may not take them.
RESERVED_SLUGS = {"new", "donors", "intakes", "items", "pledges", "points", "stock"}
MAX_QUANTITY = Decimal("99999999999")  # fits Numeric(14, 3)
MAX_MONEY = Decimal("999999999999")  # fits Numeric(14, 2)


NULLABLE = {"starts_on", "ends_on", "reference_unit_value", "min_shelf_life_days"}
BOOLEANS = {"restricted", "public", "new_only", "active"}


def _clean(values: dict, fields) -> dict:
    """Only ``fields``; absent text becomes "" and absent flags False."""
    out = {}
    for key in fields:
        if key not in values:
            continue
        value = values[key]
        if value is None and key not in NULLABLE:
            value = False if key in BOOLEANS else ""
        out[key] = value
    return out


def user_id(by) -> int | None:
    """The id of the acting user ``by``, None when nobody is signed in."""
    return by.id if by is not None and by.is_authenticated else None


def validate_slug(slug: str, drive_id: int | None = None) -> str:
    """A lower-case, hyphenated, unused slug with a letter; raises DomainError."""
    slug = (slug or "").strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > 80 or slug.isdigit():
        raise DomainError(
            _l("Use lower-case letters, digits and hyphens, e.g. flood-relief-2026."),
            "slug",
        )
    if slug in RESERVED_SLUGS:
        raise DomainError(_l("This address is reserved; choose another."), "slug")
    taken = db.session.scalar(select(Drive.id).where(Drive.slug == slug))
    if taken is not None and taken != drive_id:
        raise DomainError(_l("Another drive already uses this address."), "slug")
    return slug


def _check_drive_values(values: dict) -> None:
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        raise DomainError(
            _l("The end date must not be before the start date."), "ends_on"
        )
    if (
        values.get("restricted")
        and not (values.get("restricted_purpose") or "").strip()
    ):
        raise DomainError(
            _l("Say what the goods of a restricted drive may be used for."),
            "restricted_purpose",
        )


def create_drive(*, by=None, **values) -> Drive:
    """A new drive in draft; raises DomainError for a bad slug or dates."""
    values = _clean(values, DRIVE_FIELDS)
    values["slug"] = validate_slug(values.get("slug", ""))
    _check_drive_values(values)
    drive = Drive(status="draft", created_by_id=user_id(by), **values)
    db.session.add(drive)
    db.session.flush()
    record("drive.create", drive, after=snapshot(drive, DRIVE_FIELDS))
    return drive


def update_drive(drive: Drive, **values) -> None:
    """Change a drive's description; raises DomainError for a bad slug or dates."""
    values = _clean(values, DRIVE_FIELDS)
    if "slug" in values:
        values["slug"] = validate_slug(values["slug"], drive.id)
    _check_drive_values({**snapshot(drive, DRIVE_FIELDS), **values})
    before = snapshot(drive, DRIVE_FIELDS)
    for key, value in values.items():
        setattr(drive, key, value)
    old, new = changed_fields(before, snapshot(drive, DRIVE_FIELDS))
    if new:
        record("drive.update", drive, before=old, after=new)


def set_drive_status(drive: Drive, status: str, reason: str = "") -> None:
    """Open, close or reopen a drive; reopening a closed drive needs a reason.

    Raises DomainError for a move the workflow does not allow.
    """
    allowed = {"draft": {"open"}, "open": {"closed"}, "closed": {"open"}}
    if status not in allowed.get(drive.status, set()):
        raise DomainError(_l("This drive cannot move to that status."))
    reason = (reason or "").strip()
    if drive.status == "closed" and not reason:
        raise DomainError(_l("Give a reason for reopening the drive."), "reason")
    if status == "open" and not any(i.is_goal for i in drive.items):
        raise DomainError(_l("Add at least one item goal before opening the drive."))
    before = drive.status
    drive.status = status
    if status == "open":
        drive.opened_at = drive.opened_at or clock.now()
        drive.closed_at = None
    else:
        drive.closed_at = clock.now()
    action = "drive.reopen" if before == "closed" else f"drive.{status}"
    record(
        action,
        drive,
        before={"status": before},
        after={"status": status},
        note=reason[:500],
    )


def _check_item_values(values: dict) -> None:
    target = values.get("target_quantity")
    if (
        not isinstance(target, Decimal)
        or not target.is_finite()
        or not (0 <= target <= MAX_QUANTITY)
        or target.as_tuple().exponent < -3
    ):
        raise DomainError(
            _l("Enter a target between 0 and 99,999,999,999."), "target_quantity"
        )
    value = values.get("reference_unit_value")
    if value is not None and (
        not value.is_finite()
        or not 0 <= value <= MAX_MONEY
        or value.as_tuple().exponent < -2
    ):
        raise DomainError(_l("Enter a value of 0 or more."), "reference_unit_value")
    days = values.get("min_shelf_life_days")
    if days is not None and not 0 <= days <= 3650:
        raise DomainError(_l("Enter between 0 and 3650 days."), "min_shelf_life_days")
    if values.get("priority", 2) not in (1, 2, 3):
        raise DomainError(_l("Choose a priority."), "priority")


def _revision(item: DriveItem, reason: str = "", by=None) -> DriveItemRevision:
    revision = DriveItemRevision(
        drive_item_id=item.id,
        changed_by_id=user_id(by),
        reason=reason[:500],
        **{k: getattr(item, k) for k in ITEM_FIELDS},
    )
    db.session.add(revision)
    return revision


def add_item(drive: Drive, *, is_goal: bool = True, by=None, **values) -> DriveItem:
    """Add a goal (or an "other" item) to a drive; raises DomainError if invalid."""
    if drive.status == "closed":
        raise DomainError(_l("This drive is closed."))
    values = _clean(values, ITEM_FIELDS)
    values.setdefault("target_quantity", Decimal(0))
    values.setdefault("priority", 2)
    _check_item_values(values)
    item = DriveItem(drive=drive, is_goal=is_goal, **values)
    db.session.add(item)
    db.session.flush()
    _revision(item, by=by)
    record("drive_item.create", item, after=snapshot(item, ITEM_FIELDS))
    return item


def change_item(item: DriveItem, reason: str = "", *, by=None, **values) -> None:
    """Change a goal; the previous state stays in its revisions.

    Raises DomainError when the drive is closed or a value is out of range.
    """
    if item.drive.status == "closed":
        raise DomainError(_l("This drive is closed."))
    values = _clean(values, ITEM_FIELDS)
    _check_item_values({**{k: getattr(item, k) for k in ITEM_FIELDS}, **values})
    before = snapshot(item, ITEM_FIELDS)
    for key, value in values.items():
        setattr(item, key, value)
    old, new = changed_fields(before, snapshot(item, ITEM_FIELDS))
    if new:
        db.session.flush()
        _revision(item, reason, by)
        record("drive_item.update", item, before=old, after=new, note=reason[:500])


def item_revisions(item: DriveItem) -> list[DriveItemRevision]:
    return list(
        db.session.scalars(
            select(DriveItemRevision)
            .where(DriveItemRevision.drive_item_id == item.id)
            .order_by(DriveItemRevision.id.desc())
        )
    )


def add_point(drive: Drive, **values) -> DropOffPoint:
    values = _clean(values, POINT_FIELDS)
    point = DropOffPoint(drive=drive, **values)
    db.session.add(point)
    db.session.flush()
    record("drive_point.create", point, after=snapshot(point, POINT_FIELDS))
    return point


def update_point(point: DropOffPoint, **values) -> None:
    values = _clean(values, POINT_FIELDS)
    before = snapshot(point, POINT_FIELDS)
    for key, value in values.items():
        setattr(point, key, value)
    old, new = changed_fields(before, snapshot(point, POINT_FIELDS))
    if new:
        record("drive_point.update", point, before=old, after=new)


def drive_by_slug(slug: str) -> Drive | None:
    if not slug or len(slug) > 80:
        return None
    return db.session.scalar(select(Drive).where(Drive.slug == slug))


def find_other_item(
    drive: Drive, name: str, unit: str, *, by=None, field_prefix: str = ""
) -> DriveItem:
    """The drive's "other" item of this name and unit, created on first use.

    Raises DomainError on ``<field_prefix>other_name`` or ``…other_unit``.
    """
    name, unit = (name or "").strip(), (unit or "").strip()
    if not name or len(name) > 100:
        raise DomainError(
            _l("Name the item (at most 100 characters)."), f"{field_prefix}other_name"
        )
    if not unit or len(unit) > 32:
        raise DomainError(
            _l("Give the unit (at most 32 characters)."), f"{field_prefix}other_unit"
        )
    for item in drive.items:
        if item.name_zh == name and item.unit == unit:
            return item
    item = DriveItem(
        drive=drive,
        is_goal=False,
        name_zh=name,
        unit=unit,
        target_quantity=Decimal(0),
        priority=3,
    )
    db.session.add(item)
    db.session.flush()
    _revision(item, "other", by)
    record("drive_item.create_other", item, after=snapshot(item, ITEM_FIELDS))
    return item
