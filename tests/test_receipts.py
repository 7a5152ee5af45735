"""Issuing receipts: numbers, snapshots, PDF content, profiles."""

import hashlib
import io
import json
from decimal import Decimal

import pytest
from fontTools.cffLib import CFFFontSet
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.fixtures.pdf import pdf_text
from volunteer_hub.audit.models import AppendOnlyError
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.receipts import services
from volunteer_hub.receipts.models import Receipt
from volunteer_hub.receipts.render import ATTACHMENT_NAME, embedded_snapshot


def test_a_receipt_states_everything_in_chinese(make_receipt, clock_year):
    receipt = make_receipt(language="zh")
    text = pdf_text(receipt.pdf)
    assert receipt.number == f"KF-{clock_year}-000001"
    for expected in (
        "捐赠确认书",
        receipt.number,
        "测试志愿者协会",
        "51440300TEST00001X",
        "瓶装水",
        "50",
        "箱",
        "1,500.00",
        "人民币壹仟伍佰元整",
        "市场价",
        "李华",
        "周敏",
        "不是财政部门监制的公益事业捐赠票据",
    ):
        assert expected in text, expected
    assert "Donation acknowledgment" not in text


def test_bilingual_receipt_and_its_embedded_snapshot(make_receipt):
    receipt = make_receipt(language="bilingual")
    text = pdf_text(receipt.pdf)
    assert "捐赠确认书" in text and "Donation acknowledgment" in text
    # Both languages as plain text, column headings over two lines, and the
    # page footer's number, pages and code in one line.
    for words in ("编号 / No.", "数量", "Quantity", "Verification code"):
        assert words in text, words
    assert "organisation's charitable purposes" in text
    footer = next(line for line in text.splitlines() if "Page 1 of 1" in line)
    assert receipt.number in footer and "第 1 页 / 共 1 页" in footer
    reader = PdfReader(io.BytesIO(receipt.pdf))
    attached = reader.attachments[ATTACHMENT_NAME][0]
    assert attached == receipt.snapshot_json.encode("utf-8")
    snapshot = json.loads(attached)
    assert snapshot["number"] == receipt.number
    assert snapshot["total_value"] == "1500.00"
    assert snapshot["intakes"][0]["lines"][0]["basis"] == "market"
    assert snapshot["intakes"][0]["handled_by"] == ["李华", "王芳"]
    assert receipt.pdf_sha256 == hashlib.sha256(receipt.pdf).hexdigest()
    assert "/GTS_PDFA1" in str(reader.trailer["/Root"]["/OutputIntents"][0])


def test_a_one_page_receipt_is_small_with_subset_fonts(make_receipt):
    receipt = make_receipt(language="zh")
    # The aim of the receipts issue: a one-page Chinese receipt under 40 KB.
    # Without compact fonts it would be ~300 KB; with the glyphs that only the
    # font's layout substitutions reach (vertical and regional forms) ~48 KB.
    assert len(receipt.pdf) < 40_000
    reader = PdfReader(io.BytesIO(receipt.pdf))
    assert len(reader.pages) == 1
    drawn = {char for char in pdf_text(receipt.pdf) if not char.isspace()}
    glyphs = 0
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()
        stream = descriptor["/FontDescriptor"]["/FontFile3"].get_object()
        assert stream["/Subtype"] == "/CIDFontType0C"
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(stream.get_data()), None)
        glyphs += len(cff[cff.fontNames[0]].charset)
    # Only the glyphs drawn: one per character, give or take .notdef, the space
    # and a few characters drawn with two glyphs.
    assert glyphs <= len(drawn) + 10


def test_rare_characters_have_real_glyphs(make_donor_intake, make_donor, make_receipt):
    donor = make_donor(name="王燚")
    receipt = make_receipt(make_donor_intake(donor=donor))
    assert "王燚" in pdf_text(receipt.pdf)
    reader = PdfReader(io.BytesIO(receipt.pdf))
    drawn = 0
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()
        data = descriptor["/FontDescriptor"]["/FontFile3"].get_object().get_data()
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        top = cff[cff.fontNames[0]]
        # Noto Sans CJK SC: CID 25566 is 燚; its outline must be there.
        if "cid25566" in top.charset:
            charstring = top.CharStrings["cid25566"]
            charstring.decompile()
            drawn += len(charstring.program) > 5
    assert drawn >= 1


def test_hostile_donor_name_is_text_and_nothing_is_fetched(
    make_donor_intake, make_donor, make_receipt, caplog
):
    name = '<img src="file:///etc/passwd">'
    receipt = make_receipt(make_donor_intake(donor=make_donor(name=name)))
    assert name in pdf_text(receipt.pdf)
    assert "root:" not in pdf_text(receipt.pdf)
    assert "refused" not in caplog.text  # never even tried: it was escaped text
    assert len(PdfReader(io.BytesIO(receipt.pdf)).pages[0].images) == 2  # seal, QR


def test_editing_donor_item_and_organisation_leaves_the_pdf_unchanged(
    make_receipt, receipt_org, flood_drive
):
    from volunteer_hub.drives.donors import update_donor

    receipt = make_receipt()
    original = bytes(receipt.pdf)
    from volunteer_hub.drives.models import Donor

    update_donor(db.session.get(Donor, receipt.donor_id), name="改过的名字")
    flood_drive.items[0].name_zh = "改过的物品"
    receipt_org.name_zh = "改过的机构"
    db.session.commit()
    db.session.expire_all()
    again = db.session.get(Receipt, receipt.id)
    assert again.pdf == original
    assert hashlib.sha256(again.pdf).hexdigest() == again.pdf_sha256
    assert "改过" not in pdf_text(again.pdf)
    # …and a new receipt (a replacement) states the corrected name.
    _void, replacement = services.void_receipt(again, "name corrected", replace=True)
    assert "改过的名字" in pdf_text(replacement.pdf)


def test_receipt_rows_cannot_be_changed_or_deleted(make_receipt):
    receipt = make_receipt()
    receipt.number = "KF-FAKE"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(Receipt, receipt.id))
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()


def test_one_receipt_per_intake(make_receipt, make_donor_intake):
    intake = make_donor_intake()
    make_receipt(intake)
    with pytest.raises(DomainError):
        services.issue_intake_receipt(intake)


def test_pre_issue_check_names_what_is_missing(make_donor_intake, receipt_org):
    receipt_org.seal_image = None
    receipt_org.registration_code = ""
    db.session.commit()
    intake = make_donor_intake()
    draft = services.prepare_intake_receipt(intake)
    missing = [str(m) for m in services.check_draft(draft)]
    assert any("seal" in m or "公章" in m or "印章" in m for m in missing)
    assert len(missing) >= 2  # seal, registration code
    with pytest.raises(DomainError):
        services.issue(draft)
    assert db.session.scalar(select(func.count()).select_from(Receipt)) == 0


@pytest.mark.parametrize("bad", ["reversed", "no donor", "nothing accepted"])
def test_intakes_that_get_no_receipt(bad, make_donor_intake, flood_drive):
    from volunteer_hub.drives.intake import record_intake, reverse_intake

    if bad == "reversed":
        intake = make_donor_intake()
        reverse_intake(intake, "counted wrong")
    else:
        item = flood_drive.items[0]
        intake = record_intake(
            flood_drive,
            [
                {
                    "item": item,
                    "quantity_received": Decimal(3),
                    "quantity_accepted": Decimal(3 if bad == "no donor" else 0),
                    "rejection_reason": "" if bad == "no donor" else "过期",
                }
            ],
            counted_by_1="李华",
        )
    db.session.commit()
    with pytest.raises(DomainError):
        services.prepare_intake_receipt(intake)


def test_us_profile_states_no_value_and_no_goods_in_exchange(make_receipt, receipt_org):
    receipt_org.jurisdiction = "us"
    receipt_org.registration_code = "12-3456789"
    db.session.commit()
    receipt = make_receipt(language="en")
    text = pdf_text(receipt.pdf)
    assert "No goods or services were provided" in text
    assert "1,500" not in text and "1500" not in text
    assert json.loads(receipt.snapshot_json)["total_value"] is None


def test_generic_profile_prints_the_organisations_wording(make_receipt, receipt_org):
    receipt_org.jurisdiction = "generic"
    receipt_org.receipt_wording = "感谢您的善举 Thank you"
    db.session.commit()
    assert "感谢您的善举 Thank you" in pdf_text(make_receipt().pdf)


def test_official_receipt_number_replaces_the_disclaimer(make_receipt):
    text = pdf_text(make_receipt(language="zh", official="粤财0012345").pdf)
    assert "粤财0012345" in text
    assert "不是财政部门监制" not in text


def test_yearly_statement_lists_every_intake(make_donor_intake, make_donor, clock_year):
    donor = make_donor(phone="13800138000")
    make_donor_intake(donor=donor, water=10)
    make_donor_intake(donor=donor, water=5, quilts=2)
    statement = services.issue_statement(donor, year=clock_year)
    db.session.commit()
    assert statement.number == f"KFH-{clock_year}-00001"
    snapshot = json.loads(statement.snapshot_json)
    assert len(snapshot["intakes"]) == 2
    assert snapshot["total_value"] == "690.00"  # 15 × 30 + 2 × 120
    with pytest.raises(DomainError):
        services.issue_statement(donor, year=clock_year)
    with pytest.raises(DomainError):
        services.issue_statement(donor, year=1999)


def test_register_shows_no_number_missing(make_receipt, clock_year):
    first = make_receipt()
    services.void_receipt(first, "wrong", replace=True)
    make_receipt()
    db.session.commit()
    [summary] = services.register_summary()
    assert (summary["count"], summary["first"], summary["last"]) == (3, 1, 3)
    assert summary["missing"] == [] and summary["duplicates"] == []


def test_a_failed_issue_gives_its_number_back(make_donor_intake, monkeypatch):
    from volunteer_hub.receipts import services as module

    intake = make_donor_intake()

    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(module, "render_receipt", broken)
    with pytest.raises(RuntimeError):
        module.issue_intake_receipt(intake)
    db.session.rollback()
    monkeypatch.undo()
    receipt = module.issue_intake_receipt(intake)
    assert receipt.seq == 1


def test_embedded_snapshot_of_garbage_is_none():
    assert embedded_snapshot(b"%PDF-1.7 not really") is None
    assert embedded_snapshot(b"") is None
