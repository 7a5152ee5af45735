"""Voiding receipts: a reason, a replacement, and the intake reversal that voids one."""

import pytest
from sqlalchemy import func, select

from tests.fixtures.pdf import pdf_text
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.receipts import services
from volunteer_hub.receipts.models import Receipt, ReceiptVoid


def test_void_and_replace(make_receipt, clock_year):
    receipt = make_receipt()
    void, replacement = services.void_receipt(receipt, "捐赠人姓名写错", replace=True)
    db.session.commit()
    assert services.status_of(receipt) == "replaced"
    assert replacement.number == f"KF-{clock_year}-000002"
    assert replacement.replaces_id == receipt.id
    assert f"cancels and replaces No. {receipt.number}" in pdf_text(replacement.pdf)
    assert db.session.scalar(select(func.count()).select_from(ReceiptVoid)) == 1
    with pytest.raises(DomainError):
        services.void_receipt(receipt, "again")
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"receipt.issue", "receipt.void"} <= actions


def test_void_needs_a_reason(make_receipt):
    receipt = make_receipt()
    for reason in ("", "   ", "x" * 501):
        with pytest.raises(DomainError):
            services.void_receipt(receipt, reason)


def test_reversing_an_intake_voids_its_receipt(make_receipt):
    from volunteer_hub.drives.intake import reverse_intake
    from volunteer_hub.drives.models_stock import Intake

    receipt = make_receipt()
    reverse_intake(db.session.get(Intake, receipt.intake_id), "点错了")
    db.session.commit()
    assert services.status_of(db.session.get(Receipt, receipt.id)) == "void"
