"""The "done when" flow of issue 5, as a new user would try it.

A coordinator (laptop) issues the receipt of a recorded intake and shows the donor
their link; the donor opens it on a phone, gets the PDF (checked for its Chinese
content and its QR code), and the verification page says "valid"; the coordinator
voids it with a reason and a replacement; the page then says void, and the
replacement says which number it replaces.
"""

import io
import json
import re
from decimal import Decimal

from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PASSWORD, log_in, no_horizontal_scroll
from tests.fixtures.receipts import seal_png


def _seed(live_server) -> int:
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.drives import services
    from volunteer_hub.drives.donors import find_or_create_donor
    from volunteer_hub.drives.intake import record_intake
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation

    with live_server.app.app_context():
        org = create_organisation(
            name_zh="阳光社区志愿者协会",
            name_en="Sunshine Community Volunteers",
            registration_code="51440300MJL000000X",
            address="深圳市南山区阳光路 88 号",
            jurisdiction="cn",
        )
        org.seal_image, org.seal_mime = seal_png(), "image/png"
        create_user(
            email="li@example.org", name="李华", role="coordinator", password=PASSWORD
        )
        drive = services.create_drive(
            title_zh="洪灾救援", slug="flood", purpose="救灾", beneficiary="受灾群众"
        )
        water = services.add_item(
            drive,
            name_zh="瓶装水",
            name_en="Bottled water",
            unit="箱",
            target_quantity=Decimal(500),
            reference_unit_value=Decimal(30),
        )
        services.set_drive_status(drive, "open")
        donor = find_or_create_donor(name="王燚", phone="13800138000")
        intake = record_intake(
            drive,
            [
                {
                    "item": water,
                    "quantity_received": Decimal(50),
                    "quantity_accepted": Decimal(50),
                    "valuation_basis": "market",
                }
            ],
            donor=donor,
            counted_by_1="李华",
            counted_by_2="王芳",
        )
        db.session.commit()
        return intake.id


def _check_pdf(data: bytes) -> dict:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "捐赠确认书",
        "王燚",
        "瓶装水",
        "50",
        "箱",
        "人民币壹仟伍佰元整",
        "阳光社区志愿者协会",
        "不是财政部门监制的公益事业捐赠票据",
    ):
        assert expected in text, expected
    snapshot = json.loads(reader.attachments["receipt.json"][0])
    # The QR code printed is the one for the verification address (one pixel a
    # module, scaled sharp by the PDF viewer, as receipts/render.py draws it).
    import base64

    from volunteer_hub.qr import qr_png_data_uri

    wanted = Image.open(
        io.BytesIO(
            base64.b64decode(
                qr_png_data_uri(snapshot["verify_url"], box_size=1).split(",", 1)[1]
            )
        )
    ).convert("L")
    printed = [
        img.image.convert("L")
        for img in reader.pages[0].images
        if img.image.size == wanted.size
    ]
    assert printed and printed[0].tobytes() == wanted.tobytes()
    return snapshot


def test_receipt_from_intake_to_void(desktop, phone, live_server):
    intake_id = _seed(live_server)
    staff = desktop
    log_in(staff, live_server)
    staff.goto(live_server.url(f"/drives/intakes/{intake_id}"))
    staff.get_by_role("link", name="开具收据").click()
    expect(staff.locator(".alert-success")).to_contain_text("信息都已齐全")
    staff.select_option("#language", "zh")
    staff.click("input[type=submit]")
    expect(staff.locator(".alert-success")).to_contain_text("已开具收据")
    number = re.search(r"KF-\d{4}-\d{6}", staff.locator("h1").inner_text()).group(0)

    staff.goto(live_server.url(f"/drives/intakes/{intake_id}"))
    staff.click("button:has-text('显示捐赠人的收据链接')")
    link = staff.locator("#donor-link").input_value()
    assert "/receipts/my/" in link and len(link.rsplit("/", 1)[1]) >= 40

    # The donor, on a phone, without an account.
    phone.goto(link)
    expect(phone.locator("h1")).to_contain_text("王燚")
    assert no_horizontal_scroll(phone)
    pdf_link = phone.get_by_role("link", name=re.compile(number))
    response = phone.request.get(live_server.url(pdf_link.get_attribute("href")))
    assert response.headers["content-type"] == "application/pdf"
    snapshot = _check_pdf(response.body())
    phone.goto(snapshot["verify_url"])
    expect(phone.locator(".verify-status")).to_contain_text("有效")
    expect(phone.locator("main")).to_contain_text("王*")
    assert no_horizontal_scroll(phone)

    # Staff void it with a reason and issue the replacement.
    staff.goto(live_server.url("/receipts/"))
    staff.get_by_role("link", name=number).click()
    staff.click("summary:has-text('作废此收据')")
    staff.fill("#reason", "捐赠数量登记错误")
    staff.check("#replace")
    staff.click("input[type=submit][value='作废收据']")
    expect(staff.locator("h1")).not_to_contain_text(number)
    expect(staff.locator("main")).to_contain_text(f"作废并替换第 {number} 号")

    phone.reload()
    expect(phone.locator(".verify-status")).to_contain_text("作废")
    phone.get_by_role("link", name="查验替换收据").click()
    expect(phone.locator(".verify-status")).to_contain_text("有效")
    expect(phone.locator("main")).to_contain_text(f"替换第 {number} 号")
