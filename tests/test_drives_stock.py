"""Stock ledger and distributions: never below zero, per place, per drive.

Concurrency is tested in test_drives_stock_concurrency.py.
"""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.fixtures.drives import PEOPLE, row
from volunteer_hub.drives import distributions, stock
from volunteer_hub.drives.models_stock import Distribution, StockEntry
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db


def on_hand(item, point):
    return stock.on_hand(item.id, point.id if point else None)


def test_distribution_form_takes_goods_out(
    coordinator_client, flood_drive, make_intake
):
    water = flood_drive.items[0]
    point = flood_drive.points[0]
    make_intake(flood_drive, [(water, 40)])
    response = coordinator_client.post(
        f"/drives/{flood_drive.id}/distributions/new",
        data={
            **PEOPLE,
            "point_id": str(point.id),
            f"qty_{water.id}": "25",
            "destination": "红旗镇",
            "show_publicly": "y",
        },
    )
    assert response.status_code == 302
    given = db.session.scalar(select(Distribution))
    assert given.number.startswith("CK") and given.lines[0].quantity == 25
    assert on_hand(water, point) == 15 and row(flood_drive, water).distributed == 25
    public = coordinator_client.get("/drives/flood-relief").get_data(as_text=True)
    assert "红旗镇安置点" in public


@pytest.mark.parametrize("quantity", ["41", "-1", "1e40", "NaN"])
def test_more_than_on_hand_or_nonsense_is_refused(
    coordinator_client, flood_drive, make_intake, quantity
):
    water = flood_drive.items[0]
    make_intake(flood_drive, [(water, 40)])
    response = coordinator_client.post(
        f"/drives/{flood_drive.id}/distributions/new",
        data={
            **PEOPLE,
            "point_id": str(flood_drive.points[0].id),
            f"qty_{water.id}": quantity,
        },
    )
    assert response.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Distribution)) == 0
    assert on_hand(water, flood_drive.points[0]) == 40


def test_stock_is_counted_per_place(flood_drive, make_intake):
    water = flood_drive.items[0]
    here = flood_drive.points[0]
    from volunteer_hub.drives.services import add_point

    there = add_point(flood_drive, name="红旗镇仓库")
    make_intake(flood_drive, [(water, 10)])
    with pytest.raises(DomainError):
        distributions.record_distribution(
            flood_drive, [(water, Decimal(1))], point=there, **PEOPLE
        )
    stock.transfer_stock(water, here, there, Decimal(4), "卡车运走")
    assert (on_hand(water, here), on_hand(water, there)) == (6, 4)
    with pytest.raises(DomainError):
        stock.transfer_stock(water, here, there, Decimal(7))
    distributions.record_distribution(
        flood_drive, [(water, Decimal(4))], point=there, **PEOPLE
    )
    assert on_hand(water, there) == 0 and row(flood_drive, water).on_hand == 6


def test_adjustments_need_a_reason_and_never_go_below_zero(
    coordinator_client, flood_drive, make_intake
):
    water = flood_drive.items[0]
    point = flood_drive.points[0]
    make_intake(flood_drive, [(water, 10)])
    url = f"/drives/{flood_drive.id}/stock/adjust"
    base = {"adjust-item_id": str(water.id), "adjust-point_id": str(point.id)}
    coordinator_client.post(
        url, data={**base, "adjust-quantity": "-3", "adjust-reason": "damaged"}
    )
    assert on_hand(water, point) == 7
    response = coordinator_client.post(
        url, data={**base, "adjust-quantity": "-8", "adjust-reason": "expired"}
    )
    assert response.status_code == 400 and on_hand(water, point) == 7
    response = coordinator_client.post(
        url, data={**base, "adjust-quantity": "2", "adjust-reason": "other"}
    )
    assert "请说明调整原因" in response.get_data(as_text=True)
    entry = db.session.scalar(select(StockEntry).where(StockEntry.kind == "adjustment"))
    assert (entry.quantity, entry.reason) == (-3, "damaged")


def test_pass_through_distributes_what_just_arrived(
    coordinator_client, flood_drive, make_intake
):
    water, quilt, _ = flood_drive.items
    intake = make_intake(flood_drive, [(water, 20, 18), (quilt, 5)])
    response = coordinator_client.post(
        f"/drives/intakes/{intake.id}/pass-through",
        data={
            "pass-recipient": "红旗镇",
            "pass-handed_over_by": "李华",
            "pass-received_by": "王镇长",
        },
    )
    assert response.status_code == 302
    given = db.session.scalar(select(Distribution))
    assert given.source_intake_id == intake.id
    assert {ln.drive_item_id: ln.quantity for ln in given.lines} == {
        water.id: 18,
        quilt.id: 5,
    }
    assert row(flood_drive, water).on_hand == 0
    # Twice is refused: the goods are gone.
    coordinator_client.post(
        f"/drives/intakes/{intake.id}/pass-through",
        data={
            "pass-recipient": "x",
            "pass-handed_over_by": "a",
            "pass-received_by": "b",
        },
    )
    assert db.session.scalar(select(func.count()).select_from(Distribution)) == 1


def test_reversing_a_distribution_puts_the_goods_back(
    coordinator_client, flood_drive, make_intake
):
    water = flood_drive.items[0]
    make_intake(flood_drive, [(water, 10)])
    given = distributions.record_distribution(
        flood_drive, [(water, Decimal(6))], point=flood_drive.points[0], **PEOPLE
    )
    db.session.commit()
    coordinator_client.post(
        f"/drives/distributions/{given.id}/reverse",
        data={"reverse-reason": "发错了地点"},
    )
    assert row(flood_drive, water).on_hand == 10
    assert row(flood_drive, water).distributed == 0
    public = coordinator_client.get("/drives/flood-relief").get_data(as_text=True)
    assert "红旗镇安置点" not in public


@pytest.mark.parametrize("lang,text", [("zh", "库存流水"), ("en", "Ledger")])
def test_stock_page_in_both_languages(
    coordinator_client, flood_drive, make_intake, lang, text
):
    make_intake(flood_drive, [(flood_drive.items[0], 3)])
    page = coordinator_client.get(f"/drives/{flood_drive.id}/stock?lang={lang}")
    assert text in page.get_data(as_text=True)


def test_another_drives_items_and_places_change_nothing(
    coordinator_client, flood_drive, make_drive, make_intake
):
    other = make_drive()
    water = flood_drive.items[0]
    make_intake(flood_drive, [(water, 10)])
    mine, theirs = flood_drive.points[0], other.points[0]
    url = f"/drives/{flood_drive.id}"
    attempts = [
        (
            f"{url}/stock/adjust",
            {
                "adjust-item_id": other.items[0].id,
                "adjust-point_id": mine.id,
                "adjust-quantity": "5",
                "adjust-reason": "miscounted",
            },
        ),
        (
            f"{url}/stock/transfer",
            {
                "transfer-item_id": water.id,
                "transfer-from_point": mine.id,
                "transfer-to_point": theirs.id,
                "transfer-quantity": "5",
            },
        ),
        (
            f"{url}/distributions/new",
            {**PEOPLE, "point_id": theirs.id, f"qty_{water.id}": "5"},
        ),
    ]
    for path, data in attempts:
        response = coordinator_client.post(path, data=data)
        assert response.status_code in (200, 400)
    assert db.session.scalar(select(func.count()).select_from(StockEntry)) == 1
