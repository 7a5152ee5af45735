"""Issue 14 at phone size: an intake line is valued at the item's reference value
(shown and changeable on the form), and the public "pledged" count drops what the
donor delivered even when the coordinator did not choose the pledge; amounts
read with ¥ and quantities without trailing zeros, up to the public receipt
check; the public page, read before the intake and kept, shows the intake and
the goods' value in 万 right after (issues 14 and 17)."""

from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, no_horizontal_scroll
from tests.fixtures.receipts import seal_png


def _seed(live_server):
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.drives import services
    from volunteer_hub.drives.donors import find_or_create_donor
    from volunteer_hub.drives.pledges import create_pledge
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation

    with live_server.app.app_context():
        org = create_organisation(
            name_zh="阳光社区志愿者协会",
            name_en="Sunshine",
            registration_code="51440300MJL000000X",
            address="深圳市南山区阳光路 88 号",
            jurisdiction="cn",
        )
        org.seal_image, org.seal_mime = seal_png(), "image/png"
        create_user(
            email="li@example.org", name="李华", role="coordinator", password=PASSWORD
        )
        drive = services.create_drive(
            title_zh="冬衣募集",
            title_en="Winter clothes",
            slug="winter",
            purpose="过冬",
            beneficiary="独居老人",
        )
        item = services.add_item(
            drive,
            name_zh="羽绒服",
            unit="箱",
            target_quantity=Decimal(300),
            reference_unit_value=Decimal(600),
        )
        services.add_item(
            drive,
            name_zh="大米",
            unit="袋",
            target_quantity=Decimal(5000),
            reference_unit_value=Decimal(50),
        )
        services.add_point(drive, name="社区服务中心", address="阳光路 1 号")
        services.set_drive_status(drive, "open")
        donor = find_or_create_donor(name="王小明", phone="13712345678")
        create_pledge(drive, donor, [(item.id, Decimal(150))])
        db.session.commit()


def test_reference_value_at_intake_and_pledged_count(phone, live_server):
    _seed(live_server)
    phone.goto(live_server.url("/drives/winter"))
    expect(phone.locator(".need[data-item='1']")).to_contain_text("已收 0")
    expect(phone.locator("main")).not_to_contain_text("已收物资价值")
    log_in(phone, live_server)

    phone.goto(live_server.url("/drives/1/intake"))
    expect(phone.locator(".reference-values")).to_contain_text("羽绒服：每箱 ¥600.00")
    expect(phone.locator("#line-0-valuation_basis")).to_have_value("reference")
    assert no_horizontal_scroll(phone)
    # The donor brings 100 boxes; the coordinator types the donor, no pledge.
    phone.fill("#donor_name", "王小明")
    phone.fill("#donor_phone", "137 1234 5678")
    phone.select_option("#line-0-item", label="羽绒服 (箱)")
    phone.fill("#line-0-quantity_received", "100")
    phone.click("input[type=submit][value='登记入库']")
    expect(phone.locator(".alert-success")).to_contain_text("已登记")
    expect(phone.locator("main")).to_contain_text("¥60,000.00 (参考价值)")

    phone.goto(live_server.url("/drives/winter"))
    need = phone.locator(".need[data-item='1']")
    expect(need).to_contain_text("已收 100")
    expect(need).to_contain_text("已认捐 50")
    expect(phone.locator(".goods-value")).to_have_text("已收物资价值 ¥6万")
    assert no_horizontal_scroll(phone)


def _verify_url(live_server) -> str:
    from sqlalchemy import select

    from volunteer_hub.extensions import db
    from volunteer_hub.receipts.models import Receipt

    with live_server.app.app_context():
        code = db.session.scalar(select(Receipt.verify_code))
    return live_server.url(f"/receipts/verify/{code}")


def test_a_changed_value_reads_well_up_to_the_receipt_check(phone, live_server):
    _seed(live_server)
    log_in(phone, live_server)
    phone.goto(live_server.url("/drives/1/intake"))
    expect(phone.locator(".reference-values")).to_contain_text("大米：每袋 ¥50.00")
    phone.fill("#donor_name", "王小明")
    phone.fill("#donor_phone", "137 1234 5678")
    phone.select_option("#line-0-item", label="大米 (袋)")
    phone.fill("#line-0-quantity_received", "1500")
    # The donor brings an invoice: the coordinator changes the valuation.
    phone.locator(".intake-line").first.locator("details.more summary").click()
    phone.select_option("#line-0-valuation_basis", label="市场价")
    phone.fill("#line-0-valuation_amount", "72000")
    phone.fill("#counted_by_2", "陈静")
    phone.click("input[type=submit][value='登记入库']")
    expect(phone.locator(".alert-success")).to_contain_text("已登记")
    line = phone.locator("table.list tbody tr").first
    expect(line).to_contain_text("1,500")
    expect(line).to_contain_text("¥72,000.00 (市场价)")
    expect(phone.locator("main")).not_to_contain_text("1500.000")
    assert no_horizontal_scroll(phone)

    phone.get_by_role("link", name="开具收据").click()
    phone.select_option("#language", "zh")
    phone.click("input[type=submit]")
    expect(phone.locator(".alert-success")).to_contain_text("已开具收据")
    # Anyone checking the receipt reads the same figures, in the same form.
    phone.goto(_verify_url(live_server))
    main = phone.locator("main")
    expect(main.locator(".rows .row")).to_have_text(["大米 1,500 袋"])
    expect(main).to_contain_text("¥72,000.00")
    expect(main).not_to_contain_text("CNY")
    assert no_horizontal_scroll(phone)
