"""Staff pages of receipts: issue from the intake, void, register, settings."""

import re

import pytest
from sqlalchemy import func, select

from tests.fixtures.pdf import pdf_text
from volunteer_hub.extensions import db
from volunteer_hub.receipts import services
from volunteer_hub.receipts.models import Receipt, ReceiptSettings


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_issue_from_the_intake_page(coordinator_client, make_donor_intake, lang):
    intake = make_donor_intake()
    page = coordinator_client.get(f"/drives/intakes/{intake.id}?lang={lang}").get_data(
        as_text=True
    )
    assert f"/receipts/intakes/{intake.id}/issue" in page
    form = coordinator_client.get(f"/receipts/intakes/{intake.id}/issue?lang={lang}")
    assert form.status_code == 200
    assert (
        "收据需要载明的信息都已齐全" if lang == "zh" else "must state is there"
    ) in (form.get_data(as_text=True))
    response = coordinator_client.post(
        f"/receipts/intakes/{intake.id}/issue",
        data={"language": "zh", "page_size": "A5", "official_receipt_no": ""},
    )
    assert response.status_code == 302
    receipt = db.session.scalar(select(Receipt))
    assert receipt.page_size == "A5" and receipt.intake_id == intake.id
    detail = coordinator_client.get(response.location + f"?lang={lang}")
    assert receipt.number in detail.get_data(as_text=True)
    # A second submit (double click) issues nothing more.
    again = coordinator_client.post(
        f"/receipts/intakes/{intake.id}/issue",
        data={"language": "zh", "page_size": "A4"},
    )
    assert again.status_code == 200 and count(Receipt) == 1


def test_issue_page_names_what_is_missing(coordinator_client, make_donor_intake, org):
    intake = make_donor_intake()
    org.seal_image = None
    db.session.commit()
    page = coordinator_client.get(f"/receipts/intakes/{intake.id}/issue?lang=en")
    assert "seal image" in page.get_data(as_text=True)
    response = coordinator_client.post(
        f"/receipts/intakes/{intake.id}/issue?lang=en",
        data={"language": "zh", "page_size": "A4"},
    )
    assert response.status_code == 200 and count(Receipt) == 0
    assert "cannot be issued yet" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [
        {"language": "klingon", "page_size": "A4"},
        {"language": "zh", "page_size": "Letter"},
        {"language": "zh", "page_size": "A4", "official_receipt_no": "x" * 100_000},
        {"language": "zh", "page_size": "A4", "official_receipt_no": "a\x00b"},
    ],
)
def test_hostile_issue_input_changes_nothing(
    coordinator_client, make_donor_intake, data
):
    intake = make_donor_intake()
    response = coordinator_client.post(
        f"/receipts/intakes/{intake.id}/issue", data=data
    )
    assert response.status_code in (200, 413) and count(Receipt) == 0


def test_viewers_cannot_issue_or_void(viewer_client, make_receipt, make_donor_intake):
    receipt = make_receipt()
    intake = make_donor_intake()
    assert viewer_client.post(f"/receipts/intakes/{intake.id}/issue").status_code == 403
    assert viewer_client.post(f"/receipts/{receipt.id}/void").status_code == 403
    # Nothing was issued or voided.
    assert db.session.scalar(select(func.count()).select_from(Receipt)) == 1
    assert services.status_of(db.session.get(Receipt, receipt.id)) == "valid"
    assert viewer_client.get(f"/receipts/{receipt.id}").status_code == 200
    assert viewer_client.get("/receipts/settings").status_code == 403


def test_unknown_ids_are_404(coordinator_client, org):
    for path in ("/receipts/999", "/receipts/999/pdf", "/receipts/intakes/999/issue"):
        assert coordinator_client.get(path).status_code == 404
    assert coordinator_client.post("/receipts/999/void").status_code == 404
    assert coordinator_client.post("/receipts/donors/999/link").status_code == 404


def test_void_with_replacement_through_the_page(coordinator_client, make_receipt):
    receipt = make_receipt()
    response = coordinator_client.post(
        f"/receipts/{receipt.id}/void",
        data={"reason": "姓名写错", "replace": "y"},
    )
    assert response.status_code == 302
    replacement = db.session.scalar(
        select(Receipt).where(Receipt.replaces_id.is_not(None))
    )
    assert replacement is not None and replacement.id != receipt.id
    page = coordinator_client.get(f"/receipts/{receipt.id}?lang=en").get_data(
        as_text=True
    )
    assert "姓名写错" in page and replacement.number in page
    empty = coordinator_client.post(
        f"/receipts/{replacement.id}/void", data={"reason": ""}
    )
    assert empty.status_code == 400
    assert db.session.get(Receipt, replacement.id).void is None


@pytest.mark.csrf
def test_void_needs_the_csrf_token(coordinator_client, make_receipt):
    receipt = make_receipt()
    response = coordinator_client.post(
        f"/receipts/{receipt.id}/void", data={"reason": "x"}
    )
    assert response.status_code == 400
    assert db.session.get(Receipt, receipt.id).void is None


def test_staff_download_is_marked_as_copy_in_china(coordinator_client, make_receipt):
    receipt = make_receipt()
    response = coordinator_client.get(f"/receipts/{receipt.id}/pdf")
    assert response.mimetype == "application/pdf"
    assert response.data != receipt.pdf
    assert "副本" in pdf_text(response.data) and "COPY" in pdf_text(response.data)


def test_staff_download_is_the_original_where_no_copy_mark_is_required(
    coordinator_client, make_receipt, org
):
    org.jurisdiction, org.registration_code = "generic", "X1"
    org.receipt_wording = "Thank you."
    db.session.commit()
    receipt = make_receipt()
    response = coordinator_client.get(f"/receipts/{receipt.id}/pdf")
    assert response.data == receipt.pdf
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["ETag"].strip('"') == receipt.pdf_sha256


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_register_page(coordinator_client, make_receipt, lang):
    make_receipt()
    page = coordinator_client.get(f"/receipts/?lang={lang}").get_data(as_text=True)
    assert ("没有缺号" if lang == "zh" else "No number is missing") in page


def test_settings_change_pattern_and_auto_issue(admin_client, make_donor_intake, org):
    response = admin_client.post(
        "/receipts/settings",
        data={
            "auto_issue": "y",
            "language": "zh",
            "page_size": "A4",
            "receipt_pattern": "SG/{year}/{seq:04}",
            "statement_pattern": "SGH-{seq}",
            "goods_services_note": "",
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(select(ReceiptSettings)).auto_issue
    intake = make_donor_intake()
    receipt = services.receipts_for_intake(intake)[0]
    assert re.fullmatch(r"SG/\d{4}/0001", receipt.number)


def test_settings_refuse_a_bad_pattern(admin_client, org):
    response = admin_client.post(
        "/receipts/settings?lang=en",
        data={
            "language": "zh",
            "page_size": "A4",
            "receipt_pattern": "<script>{seq}",
            "statement_pattern": "SGH-{seq}",
        },
    )
    assert response.status_code == 200
    assert "Use only letters" in response.get_data(as_text=True)


def test_auto_issue_with_something_missing_still_records_the_intake(
    admin_client, coordinator_client, make_donor_intake, org
):
    services.get_settings().auto_issue = True
    org.seal_image = None
    db.session.commit()
    intake = make_donor_intake()
    assert intake.id and services.receipts_for_intake(intake) == []


def test_donor_panel_and_link(coordinator_client, make_receipt):
    receipt = make_receipt()
    page = coordinator_client.get(f"/drives/donors/{receipt.donor_id}?lang=en")
    assert receipt.number in page.get_data(as_text=True)
    shown = coordinator_client.post(f"/receipts/donors/{receipt.donor_id}/link?lang=en")
    html = shown.get_data(as_text=True)
    link = re.search(r'value="(http[^"]+/receipts/my/[^"]+)"', html).group(1)
    assert shown.headers["Cache-Control"] == "no-store"
    donor_page = coordinator_client.get(link.split("localhost", 1)[1])
    assert receipt.number in donor_page.get_data(as_text=True)


def test_email_link_goes_to_the_outbox(coordinator_client, make_receipt, make_donor):
    from volunteer_hub.outbox.models import OutboxMessage

    receipt = make_receipt()
    from volunteer_hub.drives.models import Donor

    donor = db.session.get(Donor, receipt.donor_id)
    donor.email = "donor@example.org"
    db.session.commit()
    coordinator_client.post(f"/receipts/donors/{donor.id}/link/email")
    message = db.session.scalar(select(OutboxMessage))
    assert message.to_address == "donor@example.org"
    assert "/receipts/my/" in message.private_body  # until sent
    assert "/receipts/my/" not in message.body  # what staff read


def test_staff_statement_from_the_donor_page(
    coordinator_client, make_donor_intake, clock_year
):
    intake = make_donor_intake()
    response = coordinator_client.post(
        f"/receipts/donors/{intake.donor_id}/statement", data={"year": clock_year}
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Receipt)).kind == "statement"
    bad = coordinator_client.post(
        f"/receipts/donors/{intake.donor_id}/statement", data={"year": "abc"}
    )
    assert bad.status_code == 302 and count(Receipt) == 1
