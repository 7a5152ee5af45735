"""Issuing many receipts as a background job.

A job item is one receipt to issue (``intake:ID`` or ``donor:ID`` for a yearly
statement). Items are handled in chunks (``ChunkIssue``): each receipt is drawn
by a pool of render processes (so a batch uses every core) as soon as its draft
is ready, with the number the series foresees for it and nothing locked; then
the chunk's numbers are taken and its receipts stored in one short savepoint.
The next chunk is started before that (``jobs.services.run_job``), so the render
processes draw its receipts while the runner stores the chunk in front of it.
A chunk that fails takes no number, or gives back all it took. An item whose
receipt exists already is skipped, so re-running a job never issues anything
twice.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from abc import ABC, abstractmethod
from collections import Counter
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock, create_app, pdf
from volunteer_hub.auth.models import User
from volunteer_hub.drives.models import Donor, Drive
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.drives.queries import accepted_lines, donor_intakes
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.jobs.services import register_handler, worker_config
from volunteer_hub.receipts import services, signing
from volunteer_hub.receipts.models import Receipt, ReceiptVoid
from volunteer_hub.receipts.profiles import missing_fields
from volunteer_hub.receipts.queries import waiting_for_receipt
from volunteer_hub.receipts.render import STYLESHEETS, render_receipt

INTAKES_JOB = "receipts.intakes"
YEARLY_JOB = "receipts.yearly"
register_handler(INTAKES_JOB, "volunteer_hub.receipts.batch:IntakeReceipts")
register_handler(YEARLY_JOB, "volunteer_hub.receipts.batch:YearlyStatements")

_renderer_app = None


def _init_renderer(config: dict) -> None:
    """Start of a render process: one application context, kept for its life,
    with WeasyPrint, fonts and style sheets loaded and then frozen.

    ``gc.freeze()`` moves everything loaded so far out of the collector's sight:
    each render allocates many short-lived objects, and the full collections
    they trigger would otherwise walk the whole application every time (about
    8 % of a receipt's render).
    """
    global _renderer_app
    _renderer_app = create_app(config)
    _renderer_app.app_context().push()
    pdf.prepare(_renderer_app.static_folder, STYLESHEETS)
    gc.freeze()


def _render_task(task: tuple[dict, tuple | None, str]) -> bytes:
    snapshot, seal, created = task
    pdf = render_receipt(snapshot, seal=seal, created=datetime.fromisoformat(created))
    return signing.sign(pdf)


def render_processes(count: int) -> int:
    configured = current_app.config.get("RECEIPT_RENDER_PROCESSES")
    if configured is not None:
        return int(configured)
    return (os.cpu_count() or 1) if count >= 20 else 0


def open_pool(processes: int):
    if processes <= 0:
        return None
    context = multiprocessing.get_context("spawn")
    # A fresh process now and then keeps memory flat over a long batch. A
    # render process holds the same ~200 MB from its 50th receipt to its 400th,
    # and starting one costs as much as some 20 receipts, so this is rare.
    return context.Pool(
        processes,
        initializer=_init_renderer,
        initargs=(worker_config(),),
        maxtasksperchild=1000,
    )


class ChunkIssue:
    """One chunk's receipts, issued without holding the series while drawing.

    Each receipt is drawn (in ``pool`` if given, as soon as its draft is
    ready) with the number the series foresees for it, after the numbers the
    chunk ``after`` (started before this one, stored first) will take;
    nothing is locked or written meanwhile. :meth:`issue` then takes the
    numbers for real in one short savepoint, draws again the rare receipt
    whose number came out different (someone issued in between, or the chunk
    in front failed), and stores them all. A drawing that fails fails before
    any number is taken, so nothing is given back.
    """

    def __init__(self, pool=None, after: ChunkIssue | None = None):
        self.pool = pool
        self.at = clock.now()
        self.seal = services.seal_of_organisation()
        self.drafts: list[services.Draft] = []
        self.snapshots: list[dict] = []
        self.foreseen: list[tuple[int, str]] = []
        self.drawings: list = []
        self._next: tuple[int, str] | None = None
        self.ahead = Counter(d.kind for d in after.drafts) if after else Counter()

    def snapshot(self, draft: services.Draft) -> dict:
        """What ``draft`` will state, with the number it should get."""
        taken = self.ahead[draft.kind]
        taken += sum(1 for d in self.drafts if d.kind == draft.kind)
        self._next = services.foresee(draft.kind, taken + 1, self.at)[-1]
        code = services.new_verify_code()
        return services.snapshot_for(draft, self._next[1], code, self.at)

    def add(self, draft: services.Draft, snapshot: dict) -> None:
        """Issue ``draft`` with the snapshot :meth:`snapshot` just made."""
        self.drafts.append(draft)
        self.snapshots.append(snapshot)
        self.foreseen.append(self._next)
        task = (snapshot, self.seal, self.at.isoformat())
        if self.pool is None:
            self.drawings.append(_Drawn(task))
        else:
            self.drawings.append(self.pool.apply_async(_render_task, (task,)))

    def issue(self) -> list[Receipt]:
        pdfs = [drawing.get() for drawing in self.drawings]
        for kind in sorted({draft.kind for draft in self.drafts}):
            services.lock_series(kind)
        with db.session.begin_nested():
            receipts = [
                self._store(draft, snapshot, foreseen, pdf)
                for draft, snapshot, foreseen, pdf in zip(
                    self.drafts, self.snapshots, self.foreseen, pdfs, strict=True
                )
            ]
            db.session.flush()
        for receipt in receipts:
            services.audit_issue(receipt)
        return receipts

    def _store(self, draft, snapshot, foreseen, pdf) -> Receipt:
        seq, number = services.take_number(draft.kind, self.at)
        if (seq, number) != foreseen:
            snapshot = dict(snapshot, number=number)
            pdf = _render_task((snapshot, self.seal, self.at.isoformat()))
        return services.store_receipt(draft, snapshot, seq, self.at.year, pdf, self.at)


class _Drawn:
    """A receipt drawn in this process, read like the pool's ``AsyncResult``:
    a drawing that failed raises when it is read, as from the pool."""

    def __init__(self, task: tuple):
        try:
            self.pdf, self.error = _render_task(task), None
        except Exception as error:  # noqa: BLE001 - raised again by get()
            self.pdf, self.error = None, error

    def get(self) -> bytes:
        if self.error is not None:
            raise self.error
        return self.pdf


class _Started:
    """A chunk begun by :meth:`_Handler.start`: its receipts being drawn, and
    what becomes of the items that get none, set when it is finished."""

    def __init__(self, chunk: ChunkIssue):
        self.chunk = chunk
        self.ready: list = []
        self.outcomes: list[tuple[object, str, str]] = []


class _Handler(ABC):
    """One batch job: ``draft(key)`` says what each item's receipt states."""

    def __init__(self, job):
        self.job = job
        self.params = dict(job.params or {})
        self.by = db.session.get(User, job.created_by_id) if job.created_by_id else None
        self.pool = open_pool(render_processes(job.total))

    @abstractmethod
    def draft(self, key: str) -> services.Draft:
        """The receipt draft for one job item; DomainError skips the item."""

    def start(self, items, after: _Started | None = None) -> _Started:
        """Prepare the chunk's receipts and send them to be drawn; reads only.

        Items' statuses are written in :meth:`finish`, with the receipts: a
        write now would start a write transaction (SQLite: the database write
        lock) and keep it while the chunk is drawn, and would be committed
        with the chunk in front.
        """
        started = _Started(ChunkIssue(self.pool, after.chunk if after else None))
        with db.session.no_autoflush:
            for item in items:
                self._start_one(started, item)
        return started

    def _start_one(self, started: _Started, item) -> None:
        try:
            draft = self.draft(item.key)
            draft.base_url = self.params.get("base_url")
            snapshot = started.chunk.snapshot(draft)
        except DomainError as error:
            started.outcomes.append((item, "skipped", str(error.message)[:500]))
            return
        missing = missing_fields(snapshot)
        if missing:
            message = ", ".join(str(m) for m in missing)[:500]
            started.outcomes.append((item, "failed", message))
            return
        started.chunk.add(draft, snapshot)
        started.ready.append(item)

    def finish(self, started: _Started) -> None:
        """Issue the chunk's receipts and set every item's status."""
        for item, status, message in started.outcomes:
            item.status, item.message = status, message
        if started.ready:
            receipts = started.chunk.issue()
            for item, receipt in zip(started.ready, receipts, strict=True):
                item.status, item.result_id, item.message = "done", receipt.id, ""

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


class IntakeReceipts(_Handler):
    def draft(self, key):
        intake = db.session.get(Intake, int(key.partition(":")[2]))
        if intake is None:
            raise DomainError(_l("This intake no longer exists."))
        return services.prepare_intake_receipt(intake, by=self.by, **self._options())

    def _options(self):
        return {k: self.params.get(k) for k in ("language", "page_size")}


class YearlyStatements(IntakeReceipts):
    def draft(self, key):
        donor = db.session.get(Donor, int(key.partition(":")[2]))
        if donor is None:
            raise DomainError(_l("This donor no longer exists."))
        return services.prepare_statement(
            donor, year=int(self.params["year"]), by=self.by, **self._options()
        )


def _live_sources() -> set[str]:
    voided = select(ReceiptVoid.receipt_id)
    return set(
        db.session.scalars(select(Receipt.source_key).where(Receipt.id.not_in(voided)))
    )


def intake_keys(drive: Drive) -> list[str]:
    """The drive's intakes that should have a receipt and have none yet, in
    the order they were received: one SELECT, however large the drive."""
    ids = db.session.scalars(
        select(Intake.id)
        .where(Intake.drive_id == drive.id, *waiting_for_receipt())
        .order_by(Intake.received_at, Intake.id)
    )
    return [f"intake:{each}" for each in ids]


def yearly_keys(year: int) -> list[str]:
    """Every donor (merged records counted once) with accepted goods in ``year``."""
    live = _live_sources()
    keys = []
    for donor in db.session.scalars(
        select(Donor).where(Donor.merged_into_id.is_(None)).order_by(Donor.id)
    ):
        source = f"statement:donor:{donor.id}:year:{year}"
        if source in live:
            continue
        if any(accepted_lines(i) for i in donor_intakes(donor, year=year)):
            keys.append(f"donor:{donor.id}")
    return keys
