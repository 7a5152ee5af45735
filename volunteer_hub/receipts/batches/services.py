"""Starting a batch of receipts as a background job (the job's work is in
``receipts/batch.py``). The caller commits, then dispatches the job."""

from __future__ import annotations

from flask_babel import gettext as _

from volunteer_hub.drives.models import Drive
from volunteer_hub.jobs.models import Job
from volunteer_hub.jobs.services import create_job
from volunteer_hub.receipts import batch
from volunteer_hub.receipts.services import public_base


def _start(kind: str, title: str, keys: list[str], params: dict, by) -> Job:
    # The address printed in the QR codes is this site's, even in a worker.
    params = {**params, "base_url": public_base()}
    return create_job(kind, title, keys, params=params, by=by)


def start_drive_batch(drive: Drive, *, by) -> Job | None:
    """A job issuing the receipts the drive's intakes still lack; None if none."""
    keys = batch.intake_keys(drive)
    if not keys:
        return None
    title = _("Receipts for the drive %(title)s", title=drive.title_zh)
    return _start(batch.INTAKES_JOB, title, keys, {"drive_id": drive.id}, by)


def start_yearly_batch(year: int, *, by) -> Job | None:
    """A job issuing the statements of ``year`` still missing; None if none."""
    keys = batch.yearly_keys(year)
    if not keys:
        return None
    title = _("Yearly statements %(year)d", year=year)
    return _start(batch.YEARLY_JOB, title, keys, {"year": year}, by)
