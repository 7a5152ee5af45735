"""Numbers as people read them (volunteer_hub.numbers), on pages and in CSV."""

import csv
import io
from decimal import Decimal

import pytest
from flask_babel import force_locale

from volunteer_hub import numbers


@pytest.mark.parametrize(
    "locale, expected",
    [
        (
            "zh_Hans",
            ("500", "1,500", "2.5", "¥285,000.00", "¥28.5万", "¥9,000", "50%"),
        ),
        ("en", ("500", "1,500", "2.5", "¥285,000.00", "¥285,000", "¥9,000", "50%")),
    ],
)
def test_formats_in_both_languages(app, org, locale, expected):
    with app.test_request_context("/"), force_locale(locale):
        assert (
            numbers.quantity(Decimal("500.000")),
            numbers.quantity(Decimal("1500.000")),
            numbers.quantity(Decimal("2.500")),
            numbers.money(Decimal("285000")),
            numbers.money_short(Decimal("285000")),
            numbers.money_short(Decimal("9000.00")),
            numbers.percent(Decimal("50.0")),
        ) == expected


def test_other_currencies_keep_their_own_symbol(app):
    with app.test_request_context("/"), force_locale("en"):
        assert numbers.money(Decimal("12.5"), "USD") == "$12.50"
        assert numbers.money(None) == "" and numbers.quantity(None) == ""


def test_plain_quantities_for_spreadsheets():
    assert numbers.plain_quantity(Decimal("500.000")) == "500"
    assert numbers.plain_quantity(Decimal("1E+3")) == "1000"
    assert numbers.plain_quantity(Decimal("2.250")) == "2.25"


def test_drive_page_and_csv_show_500_not_500_000(
    flood_drive, make_intake, coordinator_client, viewer_client
):
    make_intake(flood_drive, [(flood_drive.items[0], 50)])
    page = coordinator_client.get(f"/drives/{flood_drive.id}?lang=zh").text
    assert "500" in page and "500.000" not in page and "50.000" not in page
    public = coordinator_client.get("/drives/flood-relief?lang=zh").text
    assert "500.000" not in public and "目标 500" in public.replace(" ", " ")
    data = viewer_client.get(f"/reports/drives/{flood_drive.id}.csv").data
    cells = [
        c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row
    ]
    assert "500" in cells and "50" in cells
    assert not any(c.endswith(".000") for c in cells)
