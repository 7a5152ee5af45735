"""Rare characters of personal names (生僻字) are drawn, not shown as boxes.

Noto Sans CJK SC covers GB 18030 (燚) but not the later CJK extensions: 𠀀 and
𪚥 (extension B) or 𰀀 (extension G) need the fallback font BabelStone Han.
Each check reads the glyphs the PDF draws for every character of the name.
"""

from datetime import date

import pytest
from sqlalchemy import select

from tests.fixtures.pdf import drawn_glyphs
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.models_hours import ServiceCertificate

RARE_NAME = "张𰀀𠀀𪚥燚"


def assert_every_character_drawn(pdf: bytes, name: str = RARE_NAME) -> None:
    drawn = drawn_glyphs(pdf)
    for char in name:
        glyphs = drawn.get(char)
        assert glyphs, f"{char!r} (U+{ord(char):04X}) is not drawn"
        for font, gid, outline in glyphs:
            assert gid != 0 and outline, f"{char!r} drawn as an empty box by {font}"
    boxes = {
        (char, font)
        for char, glyphs in drawn.items()
        for font, gid, _ in glyphs
        if gid == 0
    }
    assert not boxes, boxes


def test_certificate_draws_a_rare_name(
    coordinator_client, make_volunteer, make_service_record
):
    volunteer = make_volunteer(name=RARE_NAME)
    make_service_record(volunteer, hours="3", served_on=date(2026, 2, 1))
    response = coordinator_client.post(
        f"/volunteers/{volunteer.id}/certificates",
        data={"period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    assert response.status_code == 302
    certificate = db.session.scalar(select(ServiceCertificate))
    assert_every_character_drawn(certificate.pdf)


def test_receipt_draws_a_rare_name_and_stays_small(
    make_receipt, make_donor_intake, make_donor
):
    donor = make_donor(name=RARE_NAME, phone=None)
    receipt = make_receipt(make_donor_intake(donor=donor), language="zh")
    assert_every_character_drawn(receipt.pdf)
    # Only the glyphs drawn come from the 51 MB fallback font: three of them add
    # about 4 KB (35 KB → 39 KB), most of it the empty slots WeasyPrint keeps
    # below the highest glyph id of a TrueType subset.
    assert len(receipt.pdf) < 45_000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_drive_report_draws_a_rare_name(
    viewer_client, make_drive, make_intake, make_donor, lang
):
    drive = make_drive()
    donor = make_donor(name=RARE_NAME, show_publicly=True)
    make_intake(drive, [(drive.items[0], 3, 1)], donor=donor)
    response = viewer_client.get(f"/reports/drives/{drive.id}.pdf?lang={lang}")
    assert response.status_code == 200
    assert_every_character_drawn(response.data)
