"""Issuing and voiding receipts.

Issuing is two steps: ``prepare_*`` checks what is asked and returns a ``Draft``
(nothing written), ``issue(draft)`` takes the next number of the series, freezes
the snapshot, renders and stores the PDF, all inside one savepoint of the
caller's transaction, so a failure gives the number back. The unique
``(source_key, generation)`` stops two issuers of the same thing at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from volunteer_hub import clock, write_queue
from volunteer_hub.audit.services import record
from volunteer_hub.drives.donors import resolve_donor
from volunteer_hub.drives.models import Donor, Drive
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.drives.queries import accepted_lines, donor_intakes, is_reversed
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.numbering import allocate_number, foresee_numbers
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.pdf import PAGE_SIZES
from volunteer_hub.receipts import signing
from volunteer_hub.receipts.models import (
    LANGUAGES,
    SERIES,
    Receipt,
    ReceiptSettings,
    ReceiptVoid,
)
from volunteer_hub.receipts.profiles import missing_fields
from volunteer_hub.receipts.queries import (  # noqa: F401 - part of this API
    receipts_for_donor,
    receipts_for_intake,
    register_summary,
    replacement_of,
    seal_of_organisation,
    snapshot_of,
    status_of,
    void_count,
)
from volunteer_hub.receipts.render import render_receipt
from volunteer_hub.receipts.snapshot import build_snapshot, canonical_json
from volunteer_hub.urls import public_base_url

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def get_settings() -> ReceiptSettings:
    """The receipt settings, created with defaults on first use."""
    found = db.session.scalar(select(ReceiptSettings).limit(1))
    if found is None:
        found = ReceiptSettings()
        try:
            with db.session.begin_nested():
                db.session.add(found)
        except IntegrityError:
            found = db.session.scalar(select(ReceiptSettings).limit(1))
    return found


def new_verify_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str | None) -> str:
    """What a person typed (dashes, spaces, lower case) as a stored code."""
    cleaned = "".join(c for c in (raw or "").upper() if c.isalnum())
    return cleaned if len(cleaned) == CODE_LENGTH else ""


def public_base(fallback: str | None = None) -> str:
    """The address printed in QR codes: the batch's recorded one, else the site's."""
    return (fallback or public_base_url()).rstrip("/")


def verify_url(code: str, base: str | None = None) -> str:
    """The public verification address; a stable interface (see DESIGN.md)."""
    return f"{public_base(base)}/receipts/verify/{code}"


@dataclass
class Draft:
    """What ``issue`` needs; built by the ``prepare_*`` functions."""

    kind: str
    source_key: str
    donor: Donor
    intakes: list
    drive_id: int | None = None
    intake_id: int | None = None
    replaces: Receipt | None = None
    generation: int = 1
    language: str = "bilingual"
    page_size: str = "A4"
    official_receipt_no: str = ""
    period: dict = field(default_factory=dict)
    issued_by_id: int | None = None
    issued_by_label: str = ""
    base_url: str | None = None


def _current_receipts(source_key: str) -> list[Receipt]:
    return list(
        db.session.scalars(
            select(Receipt)
            .where(Receipt.source_key == source_key)
            .order_by(Receipt.generation)
        )
    )


def _next_generation(source_key: str, replaces: Receipt | None) -> int:
    existing = _current_receipts(source_key)
    live = [r for r in existing if r.void is None]
    if live and not (replaces is not None and live == [replaces]):
        raise DomainError(_l("A receipt for this has already been issued."))
    return 1 + max((r.generation for r in existing), default=0)


def _options(draft: Draft, *, language=None, page_size=None, official="", by=None):
    settings = get_settings()
    draft.language = language or settings.language
    draft.page_size = page_size or settings.page_size
    if draft.language not in LANGUAGES:
        raise DomainError(_l("Choose the language of the receipt."), "language")
    if draft.page_size not in PAGE_SIZES:
        raise DomainError(_l("Choose A4 or A5."), "page_size")
    official = (official or "").strip()
    if len(official) > 64 or any(ord(c) < 32 for c in official):
        raise DomainError(
            _l("Enter the official receipt number, at most 64 characters."),
            "official_receipt_no",
        )
    draft.official_receipt_no = official
    draft.issued_by_id = getattr(by, "id", None)
    draft.issued_by_label = getattr(by, "name", "") or _organisation_issuer()
    return draft


def _organisation_issuer() -> str:
    """Who issues a receipt nobody on the staff asked for (a donor's own
    statement, an automatic one): the organisation's contact person."""
    org = current_organisation()
    return (org.contact_name or org.name_zh or "") if org else ""


def prepare_intake_receipt(intake: Intake, *, replaces=None, **options) -> Draft:
    """A draft receipt for one intake; raises DomainError if it cannot have one."""
    if intake.reverses_id is not None or is_reversed(intake):
        raise DomainError(_l("A reversed intake or a correction gets no receipt."))
    donor = resolve_donor(intake.donor)
    if donor is None:
        raise DomainError(_l("This intake has no donor to acknowledge."))
    if not accepted_lines(intake):
        raise DomainError(_l("Nothing was accepted in this intake."))
    key = f"intake:{intake.id}"
    draft = Draft(
        kind="intake",
        source_key=key,
        donor=donor,
        intakes=[intake],
        drive_id=intake.drive_id,
        intake_id=intake.id,
        replaces=replaces,
        generation=_next_generation(key, replaces),
    )
    return _options(draft, **options)


def prepare_statement(
    donor: Donor,
    *,
    year: int | None = None,
    drive: Drive | None = None,
    replaces=None,
    **options,
) -> Draft:
    """A draft consolidated statement of a donor's intakes in a year or a drive."""
    donor = resolve_donor(donor)
    if (year is None) == (drive is None):
        raise DomainError(_l("Choose a year or a drive."), "year")
    if year is not None and not 2000 <= year <= 2100:
        raise DomainError(_l("Enter a year between 2000 and 2100."), "year")
    intakes = [
        i for i in donor_intakes(donor, drive=drive, year=year) if accepted_lines(i)
    ]
    if not intakes:
        raise DomainError(_l("This donor has no accepted goods in that period."))
    scope = f"year:{year}" if year is not None else f"drive:{drive.id}"
    key = f"statement:donor:{donor.id}:{scope}"
    period = {"year": year} if year is not None else {"drive": drive.title_zh}
    draft = Draft(
        kind="statement",
        source_key=key,
        donor=donor,
        intakes=intakes,
        drive_id=drive.id if drive else None,
        replaces=replaces,
        generation=_next_generation(key, replaces),
        period=period,
    )
    return _options(draft, **options)


def snapshot_for(draft: Draft, number: str, code: str, at: datetime) -> dict:
    replaces = None
    if draft.replaces is not None:
        replaces = {
            "number": draft.replaces.number,
            "issued_on": draft.replaces.issued_at.date().isoformat(),
        }
    return build_snapshot(
        kind=draft.kind,
        org=current_organisation(),
        donor=draft.donor,
        intakes=draft.intakes,
        settings=get_settings(),
        number=number,
        verify_code=code,
        verify_url=verify_url(code, draft.base_url),
        issued_at=at,
        issued_by=draft.issued_by_label,
        language=draft.language,
        page_size=draft.page_size,
        official_receipt_no=draft.official_receipt_no,
        replaces=replaces,
        period=draft.period,
    )


def check_draft(draft: Draft) -> list:
    """The pre-issue check: what the jurisdiction needs and is missing."""
    return missing_fields(snapshot_for(draft, "—", "0" * CODE_LENGTH, clock.now()))


def _require_complete(draft: Draft) -> None:
    missing = check_draft(draft)
    if missing:
        raise DomainError(
            _l(
                "The receipt cannot be issued yet. Missing: %(what)s.",
                what=", ".join(str(m) for m in missing),
            )
        )


def lock_series(kind: str) -> None:
    """On SQLite, take the database write lock before anything else is written.

    A SQLite transaction that read first and writes later fails at once (no
    waiting) if another process wrote in between; a write as the first
    statement waits its turn instead. Issuers queue for that turn in
    ``write_queue``, since they hold the lock while rendering. PostgreSQL
    locks the series row itself.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        write_queue.wait_for_turn(db.session())
        db.session.execute(
            text("UPDATE number_series SET next_number = next_number WHERE code = :c"),
            {"c": SERIES[kind][0]},
        )


def number_draft(draft: Draft, at: datetime) -> tuple[dict, int, int]:
    """Take the draft's number (caller holds a savepoint); returns its snapshot."""
    seq, number = take_number(draft.kind, at)
    return snapshot_for(draft, number, new_verify_code(), at), seq, at.year


def take_number(kind: str, at: datetime) -> tuple[int, str]:
    """The next ``(seq, number)`` of the series of ``kind``; the caller holds a
    savepoint (and, on SQLite, :func:`lock_series`)."""
    code, pattern = SERIES[kind]
    return allocate_number(code, pattern, at=at)


def foresee(kind: str, count: int, at: datetime) -> list[tuple[int, str]]:
    """The next ``count`` numbers of ``kind`` as they stand now; takes none."""
    code, pattern = SERIES[kind]
    return foresee_numbers(code, pattern, count, at=at)


def store_receipt(
    draft: Draft, snapshot: dict, seq: int, year: int, pdf: bytes, at: datetime
) -> Receipt:
    receipt = Receipt(
        kind=draft.kind,
        series_code=SERIES[draft.kind][0],
        year=year,
        seq=seq,
        number=snapshot["number"],
        source_key=draft.source_key,
        generation=draft.generation,
        verify_code=snapshot["verify_code"],
        donor_id=draft.donor.id,
        drive_id=draft.drive_id,
        intake_id=draft.intake_id,
        replaces_id=draft.replaces.id if draft.replaces else None,
        jurisdiction=snapshot["jurisdiction"],
        language=draft.language,
        page_size=draft.page_size,
        snapshot_json=canonical_json(snapshot),
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        signed=signing.enabled(),
        issued_at=at,
        issued_by_id=draft.issued_by_id,
        issued_by_label=draft.issued_by_label,
    )
    db.session.add(receipt)
    return receipt


def audit_issue(receipt: Receipt) -> None:
    record(
        "receipt.issue",
        receipt,
        after={
            "number": receipt.number,
            "kind": receipt.kind,
            "source": receipt.source_key,
            "sha256": receipt.pdf_sha256,
            "replaces": receipt.replaces_id,
        },
    )


def issue(draft: Draft) -> Receipt:
    """Number, freeze, render and store a draft; raises DomainError if incomplete
    or if someone else issued the same receipt a moment earlier."""
    _require_complete(draft)
    at = clock.now()
    lock_series(draft.kind)
    try:
        with db.session.begin_nested():
            snapshot, seq, year = number_draft(draft, at)
            pdf = signing.sign(
                render_receipt(snapshot, seal=seal_of_organisation(), created=at)
            )
            receipt = store_receipt(draft, snapshot, seq, year, pdf, at)
    except IntegrityError:
        raise DomainError(_l("A receipt for this has already been issued.")) from None
    audit_issue(receipt)
    return receipt


def issue_intake_receipt(intake: Intake, **options) -> Receipt:
    return issue(prepare_intake_receipt(intake, **options))


def issue_statement(donor: Donor, **options) -> Receipt:
    return issue(prepare_statement(donor, **options))


def void_receipt(receipt: Receipt, reason: str, *, replace=False, by=None, **options):
    """Void ``receipt`` with a reason, as user ``by`` (None: automatically); with
    ``replace`` also issue its replacement (a new number stating which one it
    replaces, with ``options`` as for ``prepare_*``). Returns ``(void, replacement)``.

    Raises DomainError without a reason, for a receipt already void, or when the
    replacement cannot be issued (then nothing is voided either).
    """
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise DomainError(_l("Give the reason, at most 500 characters."), "reason")
    if receipt.void is not None:
        raise DomainError(_l("This receipt is already void."))
    try:
        with db.session.begin_nested():
            void = ReceiptVoid(
                receipt_id=receipt.id,
                reason=reason,
                voided_at=clock.now(),
                voided_by_id=getattr(by, "id", None),
            )
            db.session.add(void)
    except IntegrityError:
        raise DomainError(_l("This receipt is already void.")) from None
    db.session.refresh(receipt)
    record("receipt.void", receipt, after={"number": receipt.number}, note=reason)
    replacement = None
    if replace:
        replacement = issue(_prepare_replacement(receipt, by=by, **options))
    return void, replacement


def _prepare_replacement(receipt: Receipt, **options) -> Draft:
    if receipt.kind == "intake":
        intake = db.session.get(Intake, receipt.intake_id)
        return prepare_intake_receipt(intake, replaces=receipt, **options)
    donor = db.session.get(Donor, receipt.donor_id)
    period = canonical_period(receipt)
    return prepare_statement(donor, replaces=receipt, **period, **options)


def canonical_period(receipt: Receipt) -> dict:
    scope = receipt.source_key.rsplit(":", 2)
    if scope[-2] == "year":
        return {"year": int(scope[-1])}
    return {"drive": db.session.get(Drive, int(scope[-1]))}
