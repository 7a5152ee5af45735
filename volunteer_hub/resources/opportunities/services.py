"""Opportunities (tenders, venture competitions, commissions) and the
qualification documents they require.

A document kind's current document is the one recorded last; it is missing for
an opportunity when none exists, and it fails when it expires before the
opportunity's deadline. A won opportunity becomes a project whose funding plan
splits the contract between personnel cost (the admin's share) and activities.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.audit.services import record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.projects.shifts.services import create_project
from volunteer_hub.resources.funding.services import (
    clean_amount,
    clean_text,
    record_contribution,
)
from volunteer_hub.resources.labels import (
    DOCUMENT_KIND_LABELS,
    OPPORTUNITY_KIND_LABELS,
    OPPORTUNITY_NEXT,
)
from volunteer_hub.resources.opportunities.models import (
    Opportunity,
    QualificationDocument,
)
from volunteer_hub.resources.plans.services import (
    add_budget_line,
    add_share,
    settings,
)

WARN_DAYS = 60
FIELDS = (
    "title",
    "buyer_id",
    "kind",
    "amount",
    "deadline",
    "decision_on",
    "status",
    "required_documents",
    "notes",
    "project_id",
)


def _clean(values: dict) -> dict:
    if values.get("kind") not in OPPORTUNITY_KIND_LABELS:
        raise DomainError(_l("Choose a kind from the list."), "kind")
    documents = list(dict.fromkeys(values.get("required_documents") or ()))
    if any(kind not in DOCUMENT_KIND_LABELS for kind in documents):
        raise DomainError(_l("Choose documents from the list."), "required_documents")
    title = clean_text(values.get("title"), 200, "title")
    if not title:
        raise DomainError(_l("This field is required."), "title")
    for key in ("deadline", "decision_on"):
        if values.get(key) is not None and not isinstance(values[key], date):
            raise DomainError(_l("Enter a date."), key)
    return {
        "title": title,
        "kind": values["kind"],
        "amount": clean_amount(values.get("amount"), "amount"),
        "deadline": values.get("deadline"),
        "decision_on": values.get("decision_on"),
        "required_documents": documents,
        "notes": str(values.get("notes") or "").strip()[:5000],
    }


def create_opportunity(by, *, buyer, **values) -> Opportunity:
    if buyer is None:
        raise DomainError(_l("Choose a partner from the list."), "buyer_id")
    opportunity = Opportunity(
        **_clean(values), buyer_id=buyer.id, created_by_id=getattr(by, "id", None)
    )
    db.session.add(opportunity)
    db.session.flush()
    record("opportunity.create", opportunity, after=snapshot(opportunity, FIELDS))
    return opportunity


def move_opportunity(by, opportunity: Opportunity, status: str):
    """Move along watching → preparing → submitted → won | lost; a win creates the
    project and its funding plan. Returns the project or None."""
    if status not in OPPORTUNITY_NEXT.get(opportunity.status, ()):
        raise DomainError(_l("This step is not possible now."), "status")
    before = snapshot(opportunity, FIELDS)
    opportunity.status = status
    project = _project_from(by, opportunity) if status == "won" else None
    db.session.flush()
    record(
        "opportunity.status",
        opportunity,
        before=before,
        after=snapshot(opportunity, FIELDS),
    )
    return project


def _project_from(by, opportunity: Opportunity):
    project = create_project(
        created_by=by,
        name_zh=opportunity.title,
        status="planning",
        partner=opportunity.buyer.name,
    )
    opportunity.project_id = project.id
    amount = opportunity.amount or Decimal(0)
    if amount <= 0:
        return project
    contract = record_contribution(
        by,
        partner=opportunity.buyer,
        kind="contract_payment",
        value_amount=amount,
        value_basis="contract",
        restricted=True,
        purpose=opportunity.title,
        given_on=opportunity.decision_on or clock.now().date(),
        project_id=project.id,
    )
    personnel = (amount * settings().personnel_share / 100).quantize(Decimal("0.01"))
    for category, part in (("personnel", personnel), ("direct", amount - personnel)):
        if part > 0:
            line = add_budget_line(
                by, project, category=category, title="", amount=part
            )
            add_share(by, line, contribution=contract, amount=part)
    return project


def add_document(by, **values) -> QualificationDocument:
    """Record a qualification document (a renewal is a new record)."""
    if values.get("kind") not in DOCUMENT_KIND_LABELS:
        raise DomainError(_l("Choose a kind from the list."), "kind")
    issued, expires = values.get("issued_on"), values.get("expires_on")
    if issued and expires and expires < issued:
        raise DomainError(
            _l("The expiry date cannot be before the issue date."), "expires_on"
        )
    document = QualificationDocument(
        kind=values["kind"],
        title=clean_text(values.get("title"), 200, "title")
        or str(DOCUMENT_KIND_LABELS[values["kind"]]),
        number=clean_text(values.get("number"), 100, "number"),
        issued_on=issued,
        expires_on=expires,
        note=clean_text(values.get("note"), 500, "note"),
        recorded_by_id=getattr(by, "id", None),
    )
    db.session.add(document)
    db.session.flush()
    record("document.add", document, after=snapshot(document))
    return document


def current_documents() -> dict[str, QualificationDocument]:
    """The latest document of each kind."""
    latest = (
        select(func.max(QualificationDocument.id))
        .group_by(QualificationDocument.kind)
        .scalar_subquery()
    )
    rows = db.session.scalars(
        select(QualificationDocument).where(QualificationDocument.id.in_(latest))
    )
    return {doc.kind: doc for doc in rows}


def expiring_documents(
    today: date, days: int = WARN_DAYS
) -> list[QualificationDocument]:
    """Current documents that expired or expire within ``days`` of ``today``."""
    limit = today + timedelta(days=days)
    return sorted(
        (
            d
            for d in current_documents().values()
            if d.expires_on and d.expires_on <= limit
        ),
        key=lambda d: d.expires_on,
    )


@dataclass
class DocumentCheck:
    kind: str
    document: QualificationDocument | None
    problem: str  # "", "missing" or "expires"


def check_documents(opportunity: Opportunity, today: date) -> list[DocumentCheck]:
    """For each required kind: the document, and whether it is missing or
    expires before the deadline (before today when there is no deadline)."""
    current = current_documents()
    limit = opportunity.deadline or today
    checks = []
    for kind in opportunity.required_documents or ():
        doc = current.get(kind)
        if doc is None:
            problem = "missing"
        elif doc.expires_on is not None and doc.expires_on < limit:
            problem = "expires"
        else:
            problem = ""
        checks.append(DocumentCheck(kind, doc, problem))
    return checks
