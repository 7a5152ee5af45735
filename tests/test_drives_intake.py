"""Intake at the drop-off point: pledges matched, rejections, rules, reversals."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.fixtures.drives import by_item, intake_form
from tests.fixtures.drives import count as _count
from volunteer_hub import clock
from volunteer_hub.drives import signals
from volunteer_hub.drives.intake import reverse_intake
from volunteer_hub.drives.models import Donor, DriveItem
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.drives.pledges import pledge_lines_status
from volunteer_hub.drives.queries import donor_intakes
from volunteer_hub.extensions import db


def test_two_partial_intakes_against_a_pledge(
    coordinator_client, flood_drive, make_donor, make_pledge
):
    water, quilt, _noodles = flood_drive.items
    donor = make_donor(name="张三", phone="13800138000")
    pledge = make_pledge(flood_drive, [(water, 100), (quilt, 20)], donor=donor)
    first = intake_form(
        flood_drive,
        [
            {
                "item": str(water.id),
                "quantity_received": "60",
                "quantity_accepted": "50",
                "rejection_reason": "10 箱外包装破损",
                "condition": "good",
                "valuation_basis": "market",
            },
        ],
        pledge_id=str(pledge.id),
    )
    response = coordinator_client.post(f"/drives/{flood_drive.id}/intake", data=first)
    assert response.status_code == 302
    second = intake_form(
        flood_drive,
        [
            {
                "item": str(water.id),
                "quantity_received": "50",
                "condition": "new",
                "valuation_basis": "invoice",
                "valuation_amount": "1400.00",
            },
            {
                "item": str(quilt.id),
                "quantity_received": "20",
                "condition": "new",
                "valuation_basis": "not_valued",
            },
        ],
        pledge_id=str(pledge.id),
    )
    coordinator_client.post(f"/drives/{flood_drive.id}/intake", data=second)

    intakes = db.session.scalars(select(Intake).order_by(Intake.id)).all()
    assert [i.donor_id for i in intakes] == [donor.id, donor.id]
    assert [i.number for i in intakes] == [
        f"RK{date.today().year}-00001",
        f"RK{date.today().year}-00002",
    ]
    lines = intakes[0].lines
    assert (lines[0].quantity_received, lines[0].quantity_accepted) == (60, 50)
    assert lines[0].valuation_amount == Decimal("1500.00")  # 50 × ¥30 reference
    assert lines[0].pledge_line_id == pledge.lines[0].id
    status = {r["item"].name_zh: r for r in pledge_lines_status(pledge)}
    assert status["瓶装水"]["delivered"] == 100 and status["瓶装水"]["outstanding"] == 0
    assert status["棉被"]["outstanding"] == 0
    rows = by_item(flood_drive)
    assert (rows["瓶装水"].received, rows["瓶装水"].accepted) == (110, 100)
    assert rows["瓶装水"].on_hand == 100 and rows["瓶装水"].still_needed == 400
    assert rows["瓶装水"].pledged_outstanding == 0
    page = coordinator_client.get(f"/drives/pledges/{pledge.id}").get_data(as_text=True)
    assert "10 箱外包装破损" not in page  # reasons live on the intake
    detail = coordinator_client.get(f"/drives/intakes/{intakes[0].id}")
    assert "10 箱外包装破损" in detail.get_data(as_text=True)


def test_outstanding_counts_what_was_accepted(flood_drive, make_pledge, make_intake):
    water = flood_drive.items[0]
    pledge = make_pledge(flood_drive, [(water, 100)])
    make_intake(flood_drive, [(water, 60, 40)], pledge=pledge)
    [row] = pledge_lines_status(pledge)
    assert (row["delivered"], row["outstanding"]) == (40, 60)
    assert by_item(flood_drive)["瓶装水"].pledged_outstanding == 60


def test_a_walk_in_donor_is_found_by_phone(coordinator_client, flood_drive, make_donor):
    known = make_donor(name="李四", phone="+86 139 0013 9000")
    data = intake_form(
        flood_drive,
        [{"item": str(flood_drive.items[1].id), "quantity_received": "3"}],
        donor_name="李四先生",
        donor_phone="13900139000",
    )
    coordinator_client.post(f"/drives/{flood_drive.id}/intake", data=data)
    assert db.session.scalar(select(Intake)).donor_id == known.id
    assert _count(Donor) == 1


def test_other_goods_are_accepted_as_other_items(coordinator_client, flood_drive):
    data = intake_form(
        flood_drive,
        [
            {
                "item": "other",
                "other_name": "雨衣",
                "other_unit": "件",
                "quantity_received": "30",
            }
        ],
    )
    coordinator_client.post(f"/drives/{flood_drive.id}/intake", data=data)
    other = db.session.scalar(select(DriveItem).where(DriveItem.name_zh == "雨衣"))
    assert other is not None and not other.is_goal
    assert by_item(flood_drive)["雨衣"].on_hand == 30
    public = coordinator_client.get("/drives/flood-relief").get_data(as_text=True)
    assert "雨衣" in public and f'name="quantity_{other.id}"' not in public


def test_acceptance_rules_for_shelf_life_and_new_goods(
    coordinator_client, flood_drive, make_item
):
    milk = make_item(flood_drive, name_zh="牛奶", unit="箱", min_shelf_life_days=90)
    coats = make_item(flood_drive, name_zh="棉衣", unit="件", new_only=True)
    soon = (date.today() + timedelta(days=30)).isoformat()
    url = f"/drives/{flood_drive.id}/intake"
    page = coordinator_client.post(
        url,
        data=intake_form(
            flood_drive,
            [{"item": str(milk.id), "quantity_received": "5", "expiry_date": soon}],
        ),
    )
    assert "不足 90 天" in page.get_data(as_text=True)
    page = coordinator_client.post(
        url,
        data=intake_form(
            flood_drive,
            [{"item": str(coats.id), "quantity_received": "5", "condition": "used"}],
        ),
    )
    assert "只接收全新" in page.get_data(as_text=True)
    assert _count(Intake) == 0
    # Rejecting all of it is allowed and recorded.
    coordinator_client.post(
        url,
        data=intake_form(
            flood_drive,
            [
                {
                    "item": str(milk.id),
                    "quantity_received": "5",
                    "quantity_accepted": "0",
                    "rejection_reason": "临期",
                    "expiry_date": soon,
                }
            ],
        ),
    )
    assert by_item(flood_drive)["牛奶"].received == 5
    assert by_item(flood_drive)["牛奶"].accepted == 0


def test_the_signal_carries_the_intake(flood_drive, make_intake):
    seen = []

    def listener(intake):
        seen.append((intake.number, [ln.quantity_accepted for ln in intake.lines]))

    with signals.intake_recorded.connected_to(listener):
        intake = make_intake(flood_drive, [(flood_drive.items[0], 4)])
    assert seen == [(intake.number, [Decimal(4)])]


def test_donor_intakes_by_drive_and_year_include_merged_records(
    flood_drive, make_drive, make_donor, make_intake
):
    from volunteer_hub import clock
    from volunteer_hub.drives.donors import merge_donors

    other = make_drive()
    keep = make_donor(name="阳光超市", kind="organisation", phone="13800000001")
    twin = make_donor(
        name="阳光超市有限公司", kind="organisation", email="shop@example.com"
    )
    a = make_intake(flood_drive, [(flood_drive.items[0], 5)], donor=keep)
    b = make_intake(flood_drive, [(flood_drive.items[1], 2)], donor=twin)
    c = make_intake(other, [(other.items[0], 1)], donor=keep)
    reversed_one = make_intake(flood_drive, [(flood_drive.items[2], 1)], donor=keep)
    reverse_intake(reversed_one, "录重了")
    merge_donors(keep, twin, "同一家超市")
    db.session.commit()
    assert donor_intakes(keep, drive=flood_drive) == [a, b]
    assert donor_intakes(keep, year=clock.now().year) == [a, b, c]
    assert donor_intakes(keep, year=clock.now().year - 1) == []
    assert db.session.get(Donor, keep.id).email == "shop@example.com"


@pytest.mark.parametrize("lang,text", [("zh", "登记入库"), ("en", "Record intake")])
def test_intake_pages_in_both_languages(
    coordinator_client, flood_drive, make_intake, lang, text
):
    intake = make_intake(flood_drive, [(flood_drive.items[0], 5)])
    page = coordinator_client.get(f"/drives/{flood_drive.id}/intake?lang={lang}")
    assert text in page.get_data(as_text=True)
    detail = coordinator_client.get(f"/drives/intakes/{intake.id}?lang={lang}")
    assert intake.number in detail.get_data(as_text=True)


def test_the_year_of_an_intake_is_the_organisations_local_year(
    flood_drive, make_donor, make_intake
):
    from datetime import UTC, datetime

    donor = make_donor(name="跨年捐赠人")
    new_year = make_intake(
        flood_drive,
        [(flood_drive.items[0], 1)],
        donor=donor,
        received_at=datetime(2026, 12, 31, 17, 0, tzinfo=UTC),  # 01:00 in Shanghai
    )
    old_year = make_intake(
        flood_drive,
        [(flood_drive.items[0], 1)],
        donor=donor,
        received_at=datetime(2026, 12, 31, 15, 59, tzinfo=UTC),  # 23:59 in Shanghai
    )
    # Numbers follow the order of recording, whatever year the goods came in.
    year = clock.now().year
    assert [new_year.number, old_year.number] == [
        f"RK{year}-00001",
        f"RK{year}-00002",
    ]
    assert donor_intakes(donor, year=2027) == [new_year]
    assert donor_intakes(donor, year=2026) == [old_year]
