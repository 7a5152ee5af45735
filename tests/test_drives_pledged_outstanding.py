"""The "pledged" count is what is promised and not yet delivered: no unit is
counted both as pledged and as arrived, whether or not the pledge was chosen."""

from __future__ import annotations

from decimal import Decimal

from volunteer_hub.drives.intake.services import reverse_intake
from volunteer_hub.drives.queries import item_progress


def _pledged(drive) -> dict[str, Decimal]:
    return {row.item.name_zh: row.pledged_outstanding for row in item_progress(drive)}


def _public_numbers(client, drive) -> str:
    return client.get(f"/drives/{drive.slug}?lang=en").text


def test_a_delivery_against_the_pledge_leaves_the_rest_pledged(
    client, flood_drive, make_donor, make_pledge, make_intake
):
    water, quilt, _noodles = flood_drive.items
    donor = make_donor(name="张三")
    pledge = make_pledge(flood_drive, [(water, 100), (quilt, 20)], donor=donor)
    make_intake(flood_drive, [(water, 60)], pledge=pledge, donor=donor)
    assert _pledged(flood_drive)["瓶装水"] == Decimal(40)
    assert _pledged(flood_drive)["棉被"] == Decimal(20)
    assert "received 60 · pledged 40" in _public_numbers(client, flood_drive)


def test_a_delivery_without_choosing_the_pledge_still_counts_once(
    client, flood_drive, make_donor, make_pledge, make_intake
):
    water, quilt, _noodles = flood_drive.items
    donor, other = make_donor(name="张三"), make_donor(name="李四")
    make_pledge(flood_drive, [(water, 100), (quilt, 20)], donor=donor)
    # The same donor brings 30 cases of water and 50 quilts (more than the 20
    # pledged): no pledge chosen at intake.
    make_intake(flood_drive, [(water, 30), (quilt, 50)], donor=donor)
    # Someone else's delivery does not fulfil this donor's pledge.
    make_intake(flood_drive, [(water, 5)], donor=other)
    assert _pledged(flood_drive)["瓶装水"] == Decimal(70)
    assert _pledged(flood_drive)["棉被"] == Decimal(0)
    assert "received 35 · pledged 70" in _public_numbers(client, flood_drive)


def test_a_reversed_delivery_is_pledged_again(
    flood_drive, make_donor, make_pledge, make_intake
):
    water = flood_drive.items[0]
    donor = make_donor(name="张三")
    make_pledge(flood_drive, [(water, 100)], donor=donor)
    intake = make_intake(flood_drive, [(water, 30)], donor=donor)
    reverse_intake(intake, "记错了")
    assert _pledged(flood_drive)["瓶装水"] == Decimal(100)


def test_drives_register_their_home_page_count_themselves():
    from flask import Flask

    from volunteer_hub import drives, panels

    app = Flask(__name__)
    drives.init_app(app)
    registered = app.extensions[panels.EXTENSION_KEY]
    assert [(p.slot, p.key) for p in registered] == [(panels.TODAY_SLOT, "pledges-due")]
