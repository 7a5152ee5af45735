"""Correcting intake: reversals restore the totals; intake rows are append-only."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.fixtures.drives import by_item
from tests.fixtures.drives import count as _count
from volunteer_hub.audit.models import AppendOnlyError, AuditEvent
from volunteer_hub.drives.intake import reverse_intake
from volunteer_hub.drives.models_stock import Intake, IntakeLine
from volunteer_hub.drives.pledges import pledge_lines_status
from volunteer_hub.drives.queries import accepted_lines
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db


def test_a_reversal_restores_the_totals_exactly(
    coordinator_client, flood_drive, make_pledge, make_intake
):
    water, quilt, _ = flood_drive.items
    pledge = make_pledge(flood_drive, [(water, 100)])
    make_intake(flood_drive, [(water, 30)], pledge=pledge)
    before = {k: vars(v).copy() for k, v in by_item(flood_drive).items()}
    wrong = make_intake(
        flood_drive, [(water, "12.5", "10.25"), (quilt, 7)], pledge=pledge
    )
    response = coordinator_client.post(
        f"/drives/intakes/{wrong.id}/reverse", data={"reverse-reason": "点错了数量"}
    )
    assert response.status_code == 302
    after = {k: vars(v).copy() for k, v in by_item(flood_drive).items()}
    assert after == before
    reversal = db.session.scalar(select(Intake).where(Intake.reverses_id == wrong.id))
    assert reversal.reason == "点错了数量"
    assert [ln.quantity_accepted for ln in reversal.lines] == [Decimal("-10.25"), -7]
    assert pledge_lines_status(pledge)[0]["outstanding"] == 70
    assert accepted_lines(reversal) == []
    audit = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "intake.reverse")
    )
    assert audit.note == "点错了数量"
    # A second reversal is refused and changes nothing.
    coordinator_client.post(
        f"/drives/intakes/{wrong.id}/reverse", data={"reverse-reason": "again"}
    )
    assert _count(Intake) == 3


def test_reversal_needs_a_reason_and_the_goods_in_stock(flood_drive, make_intake):
    from volunteer_hub.drives.distributions import record_distribution

    water = flood_drive.items[0]
    intake = make_intake(flood_drive, [(water, 10)])
    with pytest.raises(DomainError):
        reverse_intake(intake, "  ")
    record_distribution(
        flood_drive,
        [(water, Decimal(8))],
        point=flood_drive.points[0],
        recipient="镇政府",
        handed_over_by="李华",
        received_by="王镇长",
    )
    db.session.commit()
    with pytest.raises(DomainError, match="库存|stock"):
        reverse_intake(intake, "录错")
    db.session.rollback()
    assert by_item(flood_drive)["瓶装水"].on_hand == 2


def test_intake_rows_are_append_only(flood_drive, make_intake):
    intake = make_intake(flood_drive, [(flood_drive.items[0], 5)])
    line = db.session.scalar(select(IntakeLine))
    line.quantity_accepted = Decimal(1)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(Intake, intake.id))
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
