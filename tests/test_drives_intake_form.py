"""The intake form: lines as sub-forms, errors on their line, more lines, pledges."""

import re

import pytest
from sqlalchemy import select

from tests.fixtures.drives import count, intake_form
from volunteer_hub.drives.intake.services import record_delivery, reverse_intake
from volunteer_hub.drives.models_stock import Intake, IntakeLine, StockEntry
from volunteer_hub.extensions import db


@pytest.mark.parametrize(
    "line,message",
    [
        ({"quantity_received": "-5"}, "0 到"),
        ({"quantity_received": "1" + "0" * 30}, "0 到"),
        ({"quantity_received": "abc"}, "不是有效的小数"),
        ({"quantity_received": "5", "quantity_accepted": "6"}, "不能多于"),
        ({"quantity_received": "5", "quantity_accepted": "4"}, "拒收部分的原因"),
        ({"quantity_received": "0.0001"}, "3 位小数"),
        (
            {
                "quantity_received": "5",
                "valuation_basis": "invoice",
                "valuation_amount": "-1",
            },
            "0 或更大",
        ),
        ({"quantity_received": "5", "valuation_basis": "bogus"}, "估值方式"),
        ({"quantity_received": "5", "rejection_reason": "x" * 100_000}, "300"),
        ({"item": "999999", "quantity_received": "5"}, "本募集活动"),
        ({"item": "", "quantity_received": "5"}, "请选择物资"),
    ],
)
def test_bad_lines_change_nothing(coordinator_client, flood_drive, line, message):
    values = {"item": str(flood_drive.items[1].id), **line}
    response = coordinator_client.post(
        f"/drives/{flood_drive.id}/intake", data=intake_form(flood_drive, [values])
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert count(Intake) == 0 and count(StockEntry) == 0


def test_someone_elses_item_pledge_or_point_is_refused(
    coordinator_client, flood_drive, make_drive, make_pledge
):
    other = make_drive()
    foreign_pledge = make_pledge(other, [(other.items[0], 1)])
    for extra, line_item in (
        ({}, str(other.items[0].id)),
        ({"pledge_id": str(foreign_pledge.id)}, str(flood_drive.items[0].id)),
        ({"point_id": str(other.points[0].id)}, str(flood_drive.items[0].id)),
    ):
        data = intake_form(
            flood_drive, [{"item": line_item, "quantity_received": "1"}], **extra
        )
        response = coordinator_client.post(
            f"/drives/{flood_drive.id}/intake", data=data
        )
        assert response.status_code == 200
    assert count(Intake) == 0


def test_the_intake_form_starts_from_the_pledge(
    coordinator_client, flood_drive, make_pledge, make_intake
):
    water, quilt, _ = flood_drive.items
    pledge = make_pledge(flood_drive, [(water, 100), (quilt, 20)])
    make_intake(flood_drive, [(quilt, 20)], pledge=pledge)
    page = coordinator_client.get(
        f"/drives/{flood_drive.id}/intake?pledge={pledge.id}"
    ).get_data(as_text=True)
    assert "这项认捐还有待送达" in page and "瓶装水 100 箱" in page
    assert f'<option selected value="{water.id}">' in page
    received = re.search(r'<input[^>]*id="line-0-quantity_received"[^>]*>', page)
    assert 'value=""' in received.group(0)  # counted, never assumed


def test_more_lines_keeps_what_was_typed_and_saves_nothing(
    coordinator_client, flood_drive
):
    water = flood_drive.items[0]
    data = intake_form(
        flood_drive,
        [{"item": str(water.id), "quantity_received": "12"}],
        donor_name="街坊张阿姨",
        add_lines="1",
    )
    response = coordinator_client.post(
        f"/drives/{flood_drive.id}/intake?lang=en", data=data
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert count(Intake) == 0
    assert 'name="line-2-quantity_received"' in page  # one line became three
    assert 'name="line-3-quantity_received"' not in page
    assert 'value="街坊张阿姨"' in page and 'value="12"' in page
    assert 'name="line_count" value="3"' in page
    assert "Add two more lines" in page and 'class="field-error"' not in page


def field_error(page: str, field_id: str) -> str:
    """The text of the error shown under the field with this id ("" if none)."""
    found = re.search(
        rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S
    )
    return found.group(1).strip() if found else ""


def test_a_services_error_lands_on_its_own_line(coordinator_client, flood_drive):
    water, quilt, _noodles = flood_drive.items
    lines = [
        {"item": str(water.id)},  # nothing counted: not part of this delivery
        {"item": str(quilt.id), "quantity_received": "5", "quantity_accepted": "6"},
        {"item": str(water.id), "quantity_received": "3"},
    ]
    response = coordinator_client.post(
        f"/drives/{flood_drive.id}/intake", data=intake_form(flood_drive, lines)
    )
    page = response.get_data(as_text=True)
    assert "不能多于" in field_error(page, "line-1-quantity_accepted")
    assert field_error(page, "line-0-quantity_accepted") == ""
    assert "请更正标出的字段" in page  # and the page says so at the top
    assert count(Intake) == 0


def test_an_other_items_missing_unit_is_shown_on_its_line(
    coordinator_client, flood_drive
):
    lines = [
        {"item": str(flood_drive.items[0].id), "quantity_received": "2"},
        {"item": "other", "other_name": "雨衣", "quantity_received": "5"},
    ]
    page = coordinator_client.post(
        f"/drives/{flood_drive.id}/intake", data=intake_form(flood_drive, lines)
    ).get_data(as_text=True)
    assert "单位" in field_error(page, "line-1-other_unit")
    assert count(Intake) == 0


def test_a_row_number_that_is_not_ascii_is_no_line(coordinator_client, flood_drive):
    water = flood_drive.items[0]
    data = intake_form(flood_drive, [{"item": str(water.id), "quantity_received": "4"}])
    data["line-²-item"] = str(water.id)
    data["line-²-quantity_received"] = "9"
    response = coordinator_client.post(f"/drives/{flood_drive.id}/intake", data=data)
    assert response.status_code == 302
    intake = db.session.scalars(select(Intake)).one()
    assert [line.quantity_received for line in intake.lines] == [4]


def test_the_acting_user_is_passed_not_read(app, flood_drive, make_user):
    """Outside any request (a CLI, a job) the services record who acted."""
    clerk = make_user("coordinator")
    water = flood_drive.items[0]
    intake = record_delivery(
        flood_drive,
        {
            "counted_by_1": "李华",
            "donor_name": "街坊张阿姨",
            "donor_phone": "13800138123",
            "line": [
                {"item": str(water.id), "quantity_received": 8},
                {"item": "other", "other_name": "雨衣", "other_unit": "件"},
                {
                    "item": "other",
                    "other_name": "雨衣",
                    "other_unit": "件",
                    "quantity_received": 5,
                    "quantity_accepted": 5,
                },
            ],
        },
        by=clerk,
    )
    reversal = reverse_intake(intake, "点错了", by=clerk)
    db.session.commit()
    assert intake.recorded_by_id == reversal.recorded_by_id == clerk.id
    assert intake.donor.name == "街坊张阿姨"
    assert [line.item.name_zh for line in intake.lines] == ["瓶装水", "雨衣"]
    entries = db.session.scalars(select(StockEntry)).all()
    assert len(entries) == 4 and {e.created_by_id for e in entries} == {clerk.id}
    assert count(IntakeLine) == 4
