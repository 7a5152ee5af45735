"""Which writes change a drive's public page, and the token that says so.

Every drive row carries ``page_version``, a random token. Each flush that adds or
changes anything the public page shows (the drive, its items and drop-off
points, pledges, intake and its reversals, stock entries, distributions, a
donor's name, publicity or merge) writes a new token into the row of every
drive it touched, in the same transaction: the token and the figures become
visible together, and a rolled-back write leaves the old token. A worker keeps
the page it rendered under the token it read (``public/cache.py``); the page's
request reads the drive row anyway, so every worker sees a change at once.

A random token, not a counter, so that a page kept for one database is never
taken for another's (tests recreate databases under one process). Writes that
bypass the ORM (bulk inserts) must write the token themselves.
"""

from __future__ import annotations

from sqlalchemy import event, select, union, update
from sqlalchemy.orm import Session

from volunteer_hub.drives.distributions.models import Distribution, DistributionLine
from volunteer_hub.drives.intake.models import Intake, IntakeLine
from volunteer_hub.drives.models import (
    Donor,
    Drive,
    DriveItem,
    DropOffPoint,
    Pledge,
    PledgeLine,
    new_page_version,
)
from volunteer_hub.drives.stock.models import StockEntry

# How to find the drive of each kind of row the public page shows.
DRIVE_OF = {
    Drive: lambda row: row.id,
    DriveItem: lambda row: row.drive_id,
    DropOffPoint: lambda row: row.drive_id,
    Pledge: lambda row: row.drive_id,
    PledgeLine: lambda row: row.pledge.drive_id,
    Intake: lambda row: row.drive_id,
    IntakeLine: lambda row: row.intake.drive_id,
    StockEntry: lambda row: row.drive_id,
    Distribution: lambda row: row.drive_id,
    DistributionLine: lambda row: row.distribution.drive_id,
}


def touched_drives(session: Session) -> tuple[set[int], set[int]]:
    """(drive ids, donor ids) of the rows this flush writes."""
    drives, donors = set(), set()
    # A row in ``dirty`` may have no change of its own (a collection appended to).
    changed = [row for row in session.dirty if session.is_modified(row)]
    for row in (*session.new, *changed, *session.deleted):
        if isinstance(row, Donor):
            if row not in session.new:  # a new donor has given nothing yet
                # Merged into another: the pledges counted as that donor's change.
                donors.update(filter(None, (row.id, row.merged_into_id)))
        elif type(row) in DRIVE_OF:
            drives.add(DRIVE_OF[type(row)](row))
    drives.discard(None)
    return drives, donors


def donors_drives(connection, donor_ids: set[int]) -> set[int]:
    """Drives that show these donors, or donors merged into them."""
    donors = select(Donor.id).where(
        Donor.id.in_(donor_ids) | Donor.merged_into_id.in_(donor_ids)
    )
    query = union(
        select(Intake.drive_id).where(Intake.donor_id.in_(donors)),
        select(Pledge.drive_id).where(Pledge.donor_id.in_(donors)),
    )
    return set(connection.scalars(query))


def renew_page_versions(session: Session, flush_context) -> None:
    """After a flush: a new token for every drive whose public page it changed."""
    drives, donors = touched_drives(session)
    if not (drives or donors):
        return
    connection = session.connection()
    if donors:
        drives |= donors_drives(connection, donors)
    if not drives:
        return
    table = Drive.__table__
    connection.execute(
        update(table)
        .where(table.c.id.in_(sorted(drives)))
        # Set updated_at to itself: its onupdate is for edits of the drive.
        .values(page_version=new_page_version(), updated_at=table.c.updated_at)
    )


def connect() -> None:
    """Listen on every session (the application's scoped sessions included)."""
    if not event.contains(Session, "after_flush", renew_page_versions):
        event.listen(Session, "after_flush", renew_page_versions)
