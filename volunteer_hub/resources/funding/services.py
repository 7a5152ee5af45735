"""Contributions: what partners give, valued on a stated basis, never edited.

A goods contribution may name the drive intake that brought the goods in; its
quantity and value then come from that intake (accepted quantities, recorded
valuation), and one intake can back only one contribution, so the resource map
never counts the same goods twice.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from volunteer_hub.audit.services import record, snapshot
from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.models_stock import Intake, IntakeLine
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Project
from volunteer_hub.resources.funding.models import Contribution
from volunteer_hub.resources.labels import (
    BUDGET_CATEGORY_LABELS,
    CASH_KINDS,
    CONTRIBUTION_KIND_LABELS,
    VALUE_BASIS_LABELS,
)
from volunteer_hub.resources.partners.models import Partner

MAX_AMOUNT = Decimal("1000000000")
CENT = Decimal("0.01")


def clean_amount(value, field: str, *, allow_none=True, places=CENT) -> Decimal | None:
    """``value`` as a Decimal of ``places``; DomainError on ``field`` when it is
    not a number from 0 to 999,999,999 (or empty and ``allow_none`` is False)."""
    if value in (None, ""):
        if allow_none:
            return None
        raise DomainError(_l("Enter an amount."), field)
    try:
        number = Decimal(str(value)).quantize(places)
    except (InvalidOperation, ValueError):
        raise DomainError(_l("Enter a number."), field) from None
    if not 0 <= number < MAX_AMOUNT:
        raise DomainError(_l("Enter an amount between 0 and 999,999,999."), field)
    return number


def clean_text(value, limit: int, field: str) -> str:
    """``value`` with its spaces collapsed; DomainError when longer than ``limit``."""
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise DomainError(_l("At most %(n)d characters, please.", n=limit), field)
    return text


def _target(values: dict) -> tuple[int | None, int | None]:
    project_id, drive_id = values.get("project_id"), values.get("drive_id")
    if project_id and drive_id:
        raise DomainError(_l("Choose a project or a drive, not both."), "project_id")
    if project_id and db.session.get(Project, project_id) is None:
        raise DomainError(_l("Choose a project from the list."), "project_id")
    if drive_id and db.session.get(Drive, drive_id) is None:
        raise DomainError(_l("Choose a drive from the list."), "drive_id")
    return project_id or None, drive_id or None


def _intake_figures(intake_id: int, drive_id) -> tuple[Decimal, Decimal | None]:
    """(accepted quantity, value) of an intake this contribution stands for."""
    intake = db.session.get(Intake, intake_id)
    if intake is None or intake.reverses_id is not None:
        raise DomainError(_l("Choose an intake from the list."), "intake_id")
    if drive_id and intake.drive_id != drive_id:
        raise DomainError(_l("This intake belongs to another drive."), "intake_id")
    taken = db.session.scalar(
        select(Contribution.id).where(Contribution.intake_id == intake_id)
    )
    if taken is not None:
        raise DomainError(
            _l("These goods are already recorded as a contribution."), "intake_id"
        )
    quantity, value = db.session.execute(
        select(
            func.sum(IntakeLine.quantity_accepted),
            func.sum(IntakeLine.valuation_amount),
        ).where(IntakeLine.intake_id == intake_id)
    ).one()
    return Decimal(quantity or 0), value


def _clean(values: dict) -> dict:
    kind = values.get("kind")
    if kind not in CONTRIBUTION_KIND_LABELS:
        raise DomainError(_l("Choose a kind from the list."), "kind")
    basis = values.get("value_basis") or "not_valued"
    if basis not in VALUE_BASIS_LABELS:
        raise DomainError(_l("Choose a basis from the list."), "value_basis")
    value = clean_amount(values.get("value_amount"), "value_amount")
    if basis == "not_valued":
        value = None
    elif value is None:
        raise DomainError(
            _l("Enter the value, or choose “Not valued”."), "value_amount"
        )
    if kind in CASH_KINDS and value is None:
        raise DomainError(_l("Enter the amount of money."), "value_amount")
    given_on, until = values.get("given_on"), values.get("until")
    if not isinstance(given_on, date):
        raise DomainError(_l("Enter a date."), "given_on")
    if until is not None and (not isinstance(until, date) or until < given_on):
        raise DomainError(_l("The end date cannot be before the start."), "until")
    category = values.get("restricted_category") or None
    if category is not None and category not in BUDGET_CATEGORY_LABELS:
        raise DomainError(_l("Choose a category from the list."), "restricted_category")
    restricted = bool(values.get("restricted"))
    return {
        "kind": kind,
        "description": clean_text(values.get("description"), 500, "description"),
        "quantity": clean_amount(
            values.get("quantity"), "quantity", places=Decimal("0.001")
        ),
        "unit": clean_text(values.get("unit"), 20, "unit"),
        "value_amount": value,
        "value_basis": basis,
        "restricted": restricted,
        "purpose": clean_text(values.get("purpose"), 500, "purpose")
        if restricted
        else "",
        "restricted_category": category if restricted else None,
        "given_on": given_on,
        "until": until,
    }


def record_contribution(by, *, partner: Partner | None, **values) -> Contribution:
    """Record what ``partner`` gave (``None``: the organisation's own money).

    Raises DomainError when a value is bad, the organisation's own resource is
    not money, or the named intake is already counted."""
    cleaned = _clean(values)
    if partner is None and cleaned["kind"] not in CASH_KINDS:
        raise DomainError(
            _l("The organisation's own resources are recorded as money."), "kind"
        )
    project_id, drive_id = _target(values)
    intake_id = values.get("intake_id") or None
    if intake_id is not None:
        if cleaned["kind"] != "goods":
            raise DomainError(_l("Only goods come in through an intake."), "intake_id")
        quantity, value = _intake_figures(intake_id, drive_id)
        cleaned.update(quantity=quantity, value_amount=value)
        cleaned["value_basis"] = "market" if value is not None else "not_valued"
        drive_id = drive_id or db.session.get(Intake, intake_id).drive_id
    contribution = Contribution(
        **cleaned,
        partner_id=getattr(partner, "id", None),
        project_id=project_id,
        drive_id=drive_id,
        intake_id=intake_id,
        recorded_by_id=getattr(by, "id", None),
    )
    db.session.add(contribution)
    db.session.flush()
    record("contribution.record", contribution, after=snapshot(contribution))
    return contribution


def reverse_contribution(by, contribution: Contribution, reason: str) -> Contribution:
    """Cancel a contribution recorded by mistake with a negating entry."""
    reason = clean_text(reason, 500, "reason")
    if not reason:
        raise DomainError(_l("Say why this entry is cancelled."), "reason")
    if contribution.reverses_id is not None or db.session.scalar(
        select(Contribution.id).where(Contribution.reverses_id == contribution.id)
    ):
        raise DomainError(_l("This entry is already cancelled."), "reason")

    def negate(value):
        return None if value is None else -value

    reversal = Contribution(
        **{
            key: getattr(contribution, key)
            for key in (
                "partner_id",
                "project_id",
                "drive_id",
                "kind",
                "description",
                "unit",
                "value_basis",
                "restricted",
                "purpose",
                "restricted_category",
                "given_on",
                "until",
            )
        },
        quantity=negate(contribution.quantity),
        value_amount=negate(contribution.value_amount),
        reverses_id=contribution.id,
        reason=reason,
        recorded_by_id=getattr(by, "id", None),
    )
    db.session.add(reversal)
    db.session.flush()
    record("contribution.reverse", contribution, after=snapshot(reversal), note=reason)
    return reversal


def is_reversed(contribution: Contribution) -> bool:
    return contribution.reverses_id is not None or bool(
        db.session.scalar(
            select(Contribution.id).where(Contribution.reverses_id == contribution.id)
        )
    )
