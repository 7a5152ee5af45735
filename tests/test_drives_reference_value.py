"""An item's reference value values an intake line unless staff choose otherwise."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select

from tests.fixtures.drives import count, intake_form
from volunteer_hub.drives.intake.services import record_intake
from volunteer_hub.drives.models_stock import Intake, IntakeLine
from volunteer_hub.extensions import db
from volunteer_hub.reports.drive.queries import drive_report


def _post(client, drive, lines, **extra):
    return client.post(
        f"/drives/{drive.id}/intake", data=intake_form(drive, lines, **extra)
    )


def _lines():
    return db.session.scalars(select(IntakeLine).order_by(IntakeLine.id)).all()


def test_a_line_without_an_amount_is_valued_at_the_reference_value(
    coordinator_client, flood_drive, make_item
):
    water, quilt, _noodles = flood_drive.items
    unvalued = make_item(flood_drive, name_zh="旧衣物")
    response = _post(
        coordinator_client,
        flood_drive,
        [
            # As the form posts it: the basis prefilled, no amount.
            {
                "item": str(water.id),
                "quantity_received": "100",
                "valuation_basis": "reference",
            },
            # Accepted 8 of 10: the value is of what was accepted.
            {
                "item": str(quilt.id),
                "quantity_received": "10",
                "quantity_accepted": "8",
                "rejection_reason": "破损",
            },
            {"item": str(unvalued.id), "quantity_received": "5"},
        ],
    )
    assert response.status_code == 302
    water_line, quilt_line, other_line = _lines()
    assert (water_line.valuation_basis, water_line.valuation_amount) == (
        "reference",
        Decimal("3000.00"),
    )
    assert (quilt_line.valuation_basis, quilt_line.valuation_amount) == (
        "reference",
        Decimal("960.00"),
    )
    assert (other_line.valuation_basis, other_line.valuation_amount) == (
        "not_valued",
        None,
    )
    assert drive_report(flood_drive).total_value == Decimal("3960.00")


def test_staff_can_change_the_basis_or_leave_goods_unvalued(
    coordinator_client, flood_drive
):
    water, quilt, _noodles = flood_drive.items
    _post(
        coordinator_client,
        flood_drive,
        [
            {
                "item": str(water.id),
                "quantity_received": "10",
                "valuation_basis": "invoice",
                "valuation_amount": "250",
            },
            {
                "item": str(quilt.id),
                "quantity_received": "2",
                "valuation_basis": "not_valued",
            },
        ],
    )
    assert [(ln.valuation_basis, ln.valuation_amount) for ln in _lines()] == [
        ("invoice", Decimal("250.00")),
        ("not_valued", None),
    ]


def test_an_amount_that_is_not_the_reference_value_needs_another_basis(
    coordinator_client, flood_drive
):
    water = flood_drive.items[0]
    response = _post(
        coordinator_client,
        flood_drive,
        [
            {
                "item": str(water.id),
                "quantity_received": "10",
                "valuation_basis": "reference",
                "valuation_amount": "100",
            }
        ],
    )
    assert response.status_code == 200
    assert "按参考价值计算为 ¥300.00" in response.text
    assert "line-0-valuation_basis" in response.text
    assert count(Intake) == 0


def test_the_form_shows_the_reference_values_and_the_basis_prefilled(
    coordinator_client, flood_drive
):
    page = coordinator_client.get(f"/drives/{flood_drive.id}/intake").text
    assert "瓶装水：每箱 ¥30.00" in page
    assert '<option selected value="reference">参考价值</option>' in page


def test_the_receipt_counts_the_reference_value(
    flood_drive, make_donor_intake, make_receipt
):
    intake = make_donor_intake(water=100, valued=False)
    assert intake.lines[0].valuation_basis == "not_valued"
    water = intake.lines[0].item
    # No basis given: the reference value, where the old default was not valued.
    valued = record_intake(
        flood_drive,
        [
            {
                "item": water,
                "quantity_received": Decimal(100),
                "quantity_accepted": Decimal(100),
            }
        ],
        donor=intake.donor,
        counted_by_1="李华",
    )
    db.session.commit()
    receipt = make_receipt(intake=valued)
    snapshot = json.loads(receipt.snapshot_json)
    assert snapshot["total_value"] == "3000.00"
    assert snapshot["intakes"][0]["lines"][0]["basis"] == "reference"
