"""A project's funding plan: budget lines and each funder's share of them.

Rules: the shares of a line never exceed the line; a contribution is never
shared out beyond its amount; restricted money covers only lines of the
category it is restricted to. The plan warns when personnel and management
cost stay uncovered below the share the admin sets (the gift that pays for
activities but no staff).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from volunteer_hub.audit.services import record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.resources.funding.models import (
    BudgetLine,
    Contribution,
    FundingShare,
    HourValue,
    ResourceSettings,
)
from volunteer_hub.resources.funding.services import (
    clean_amount,
    clean_text,
    is_reversed,
)
from volunteer_hub.resources.labels import (
    BUDGET_CATEGORY_LABELS,
    CASH_KINDS,
    HOUR_LEVEL_LABELS,
)

ZERO = Decimal("0.00")
STAFF_CATEGORIES = ("personnel", "management")


def settings() -> ResourceSettings:
    """The admin's settings row (defaults until the admin saves them)."""
    found = db.session.get(ResourceSettings, 1)
    return found or ResourceSettings(id=1, personnel_share=Decimal("70"))


def hour_values() -> dict[str, Decimal]:
    rows = dict(db.session.execute(select(HourValue.level, HourValue.amount)).all())
    return {level: rows.get(level, ZERO) for level in HOUR_LEVEL_LABELS}


def save_settings(by, *, personnel_share, hour_values: dict) -> None:
    """Set the personnel-cost share (percent) and the value of an hour per level."""
    share = clean_amount(personnel_share, "personnel_share", allow_none=False)
    if share > 100:
        raise DomainError(
            _l("Enter a percentage between 0 and 100."), "personnel_share"
        )
    row = db.session.get(ResourceSettings, 1)
    before = {"personnel_share": str(row.personnel_share)} if row else {}
    if row is None:
        row = ResourceSettings(id=1)
        db.session.add(row)
    row.personnel_share = share
    for level, value in hour_values.items():
        if level not in HOUR_LEVEL_LABELS:
            raise DomainError(_l("Choose a level from the list."), "hour_values")
        amount = clean_amount(value, f"hour_{level}", allow_none=False)
        existing = db.session.get(HourValue, level)
        before[level] = str(existing.amount) if existing else None
        if existing is None:
            db.session.add(HourValue(level=level, amount=amount))
        else:
            existing.amount = amount
    db.session.flush()
    after = {
        "personnel_share": str(share),
        **{k: str(v) for k, v in hour_values.items()},
    }
    record("resources.settings", row, before=before, after=after)


def add_budget_line(by, project, *, category: str, title: str, amount) -> BudgetLine:
    if category not in BUDGET_CATEGORY_LABELS:
        raise DomainError(_l("Choose a category from the list."), "category")
    title = clean_text(title, 200, "title") or str(BUDGET_CATEGORY_LABELS[category])
    value = clean_amount(amount, "amount", allow_none=False)
    if value <= 0:
        raise DomainError(_l("Enter an amount above zero."), "amount")
    line = BudgetLine(
        project_id=project.id,
        category=category,
        title=title,
        amount=value,
        created_by_id=getattr(by, "id", None),
    )
    db.session.add(line)
    db.session.flush()
    record("budget_line.add", line, after=snapshot(line))
    return line


def _committed(line_id=None, contribution_id=None) -> Decimal:
    column = FundingShare.line_id if line_id else FundingShare.contribution_id
    total = db.session.scalar(
        select(func.sum(FundingShare.amount)).where(
            column == (line_id or contribution_id)
        )
    )
    return Decimal(total or 0)


def add_share(
    by, line: BudgetLine, *, contribution: Contribution, amount
) -> FundingShare:
    """Let ``contribution`` cover ``amount`` of ``line``; raises DomainError when
    the line or the contribution would be over-committed or the money is
    restricted to another purpose."""
    value = clean_amount(amount, "amount", allow_none=False)
    if value <= 0:
        raise DomainError(_l("Enter an amount above zero."), "amount")
    if (
        contribution.kind not in CASH_KINDS
        or contribution.project_id != line.project_id
        or contribution.value_amount is None
        or contribution.value_amount <= 0
        or is_reversed(contribution)
    ):
        raise DomainError(_l("Choose money given to this project."), "contribution_id")
    if contribution.restricted_category not in (None, line.category):
        raise DomainError(
            _l(
                "This money is restricted to %(purpose)s and cannot cover this line.",
                purpose=BUDGET_CATEGORY_LABELS[contribution.restricted_category],
            ),
            "contribution_id",
        )
    if _committed(line_id=line.id) + value > line.amount:
        raise DomainError(_l("The shares would exceed the line's budget."), "amount")
    if _committed(contribution_id=contribution.id) + value > contribution.value_amount:
        raise DomainError(
            _l("This would share out more than the money given."), "amount"
        )
    share = FundingShare(
        line_id=line.id,
        contribution_id=contribution.id,
        amount=value,
        created_by_id=getattr(by, "id", None),
    )
    db.session.add(share)
    db.session.flush()
    record("funding_share.add", line, after=snapshot(share))
    return share


@dataclass
class PlanLine:
    line: BudgetLine
    committed: Decimal
    shares: list = field(default_factory=list)

    @property
    def open(self) -> Decimal:
        return self.line.amount - self.committed


@dataclass
class Plan:
    lines: list[PlanLine]
    personnel_share: Decimal
    budget: Decimal
    committed: Decimal
    staff_committed: Decimal
    restricted_elsewhere: Decimal

    @property
    def staff_needed(self) -> Decimal:
        """Personnel and management cost the committed money should carry."""
        return (self.committed * self.personnel_share / 100).quantize(ZERO)

    @property
    def staff_gap(self) -> Decimal:
        return max(self.staff_needed - self.staff_committed, ZERO)

    @property
    def warns(self) -> bool:
        """Restricted money pays for other things while staff cost stays short."""
        return self.restricted_elsewhere > 0 and self.staff_gap > 0


def funding_plan(project) -> Plan:
    """Per line: budgeted, committed, open; and the staff-cost figures."""
    lines = db.session.scalars(
        select(BudgetLine)
        .where(BudgetLine.project_id == project.id)
        .order_by(BudgetLine.category, BudgetLine.id)
    ).all()
    plan_lines = [
        PlanLine(line, sum((s.amount for s in line.shares), ZERO), list(line.shares))
        for line in lines
    ]
    committed = sum((p.committed for p in plan_lines), ZERO)
    staff = sum(
        (p.committed for p in plan_lines if p.line.category in STAFF_CATEGORIES), ZERO
    )
    restricted = sum(
        (
            s.amount
            for p in plan_lines
            if p.line.category not in STAFF_CATEGORIES
            for s in p.shares
            if s.contribution.restricted
        ),
        ZERO,
    )
    return Plan(
        lines=plan_lines,
        personnel_share=settings().personnel_share,
        budget=sum((p.line.amount for p in plan_lines), ZERO),
        committed=committed,
        staff_committed=staff,
        restricted_elsewhere=restricted,
    )


def project_money(project) -> list[Contribution]:
    """Money given to ``project`` that a share may draw on."""
    rows = db.session.scalars(
        select(Contribution)
        .where(
            Contribution.project_id == project.id,
            Contribution.kind.in_(CASH_KINDS),
            Contribution.reverses_id.is_(None),
            Contribution.value_amount > 0,
        )
        .order_by(Contribution.given_on, Contribution.id)
    ).all()
    return [c for c in rows if not is_reversed(c)]
