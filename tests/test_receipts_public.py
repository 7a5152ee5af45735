"""Public receipt pages: verification, uploads, donor links and the lookup."""

import io
import re

import pytest
from sqlalchemy import select

from volunteer_hub.extensions import db
from volunteer_hub.receipts import services
from volunteer_hub.receipts.access import services as access
from volunteer_hub.receipts.models import ReceiptAccessLink
from volunteer_hub.receipts.render import display_code
from volunteer_hub.receipts.verify.services import mask_name


def upload(client, path, data: bytes, name="r.pdf"):
    return client.post(
        path,
        data={"document": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verify_page_of_a_valid_receipt(
    client, make_donor_intake, make_donor, make_receipt, lang
):
    donor = make_donor(name="张三丰")
    receipt = make_receipt(make_donor_intake(donor=donor))
    page = client.get(f"/receipts/verify/{receipt.verify_code}?lang={lang}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert ("有效" if lang == "zh" else "Valid") in html
    assert "张**" in html and "张三丰" not in html
    assert "瓶装水" in html or "Bottled water" in html
    assert "测试志愿者协会" in html


def test_code_is_accepted_as_printed(client, make_receipt):
    receipt = make_receipt()
    printed = "-".join(
        [receipt.verify_code[:4], receipt.verify_code[4:8], receipt.verify_code[8:]]
    ).lower()
    response = client.get(f"/receipts/verify?code={printed}")
    assert response.status_code == 302
    assert response.location.endswith(f"/receipts/verify/{printed}")
    assert client.get(response.location).status_code == 200


@pytest.mark.parametrize(
    "code", ["AAAAAAAAAA", "x", "<script>alert(1)</script>", "1" * 5000, "%00"]
)
def test_a_guessed_code_gets_nothing(client, make_receipt, code):
    make_receipt()
    response = client.get(f"/receipts/verify/{code}?lang=en")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "KF-" not in html and "<script>alert" not in html


def test_void_and_replaced_are_shown(client, make_receipt):
    receipt = make_receipt()
    _void, replacement = services.void_receipt(receipt, "写错了", replace=True)
    db.session.commit()
    page = client.get(f"/receipts/verify/{receipt.verify_code}?lang=en")
    html = page.get_data(as_text=True)
    assert "Void" in html and replacement.number in html
    new = client.get(f"/receipts/verify/{replacement.verify_code}?lang=en")
    assert f"replaces No. {receipt.number}" in new.get_data(as_text=True)


def test_uploaded_pdf_is_checked_byte_for_byte(client, make_receipt):
    receipt = make_receipt()
    path = f"/receipts/verify/{receipt.verify_code}?lang=en"
    exact = upload(client, path, receipt.pdf).get_data(as_text=True)
    assert "exactly the one issued" in exact
    changed = receipt.pdf + b"% one more line\n"
    result = upload(client, path, changed).get_data(as_text=True)
    assert "NOT a receipt exactly as we issued it" in result
    assert f"claims to be receipt {receipt.number}" in result
    junk = upload(client, path, b"not a pdf at all").get_data(as_text=True)
    assert "at most 5 MB" in junk


def test_upload_without_a_code_finds_the_receipt(client, make_receipt):
    receipt = make_receipt()
    html = upload(client, "/receipts/verify?lang=en", receipt.pdf).get_data(
        as_text=True
    )
    assert f"receipt {receipt.number}" in html


def test_mask_name():
    assert mask_name("张三丰") == "张**"
    assert mask_name("Mary Smith") == "M*** S****"
    assert mask_name("") == ""


def test_donor_link_lists_only_their_receipts(
    client, make_receipt, make_donor_intake, make_donor
):
    mine = make_receipt(make_donor_intake(donor=make_donor(name="甲")))
    theirs = make_receipt(make_donor_intake(donor=make_donor(name="乙")))
    secret = access.create_link(_donor(mine), "staff")
    db.session.commit()
    page = client.get(f"/receipts/my/{secret}?lang=en")
    html = page.get_data(as_text=True)
    assert mine.number in html and theirs.number not in html
    assert page.headers["Cache-Control"] == "no-store"
    pdf = client.get(f"/receipts/my/{secret}/{mine.id}.pdf")
    assert pdf.data == mine.pdf  # the original bytes, never a copy
    assert client.get(f"/receipts/my/{secret}/{theirs.id}.pdf").status_code == 404
    assert client.get(f"/receipts/my/{secret[:-1]}x?lang=en").status_code == 404
    assert client.get("/receipts/my/" + "a" * 300).status_code == 404


def _donor(receipt):
    from volunteer_hub.drives.models import Donor

    return db.session.get(Donor, receipt.donor_id)


def test_links_are_stored_hashed_and_several_work(make_receipt):
    receipt = make_receipt()
    first = access.create_link(_donor(receipt))
    second = access.create_link(_donor(receipt))
    db.session.commit()
    stored = list(db.session.scalars(select(ReceiptAccessLink.secret_hash)))
    assert first not in stored and second not in stored
    assert access.donor_for_secret(first).id == access.donor_for_secret(second).id


def test_donor_gets_a_yearly_statement(client, make_receipt, clock_year):
    receipt = make_receipt()
    secret = access.create_link(_donor(receipt))
    db.session.commit()
    response = client.post(
        f"/receipts/my/{secret}/statement", data={"year": clock_year}
    )
    assert response.status_code == 302
    statements = [
        r for r in services.receipts_for_donor(_donor(receipt)) if r.kind == "statement"
    ]
    assert len(statements) == 1
    client.post(f"/receipts/my/{secret}/statement", data={"year": clock_year})
    assert (
        len(
            [
                r
                for r in services.receipts_for_donor(_donor(receipt))
                if r.kind == "statement"
            ]
        )
        == 1
    )


def test_lookup_with_phone_and_verification_code(
    client, make_donor_intake, make_donor, make_receipt
):
    donor = make_donor(name="李四", phone="13800138000")
    receipt = make_receipt(make_donor_intake(donor=donor))
    typed = display_code(receipt.verify_code).lower()  # as read off the paper
    response = client.post(
        "/receipts/lookup", data={"contact": "138 0013 8000", "code": typed}
    )
    assert response.status_code == 302 and "/receipts/my/" in response.location
    assert receipt.number in client.get(response.location).get_data(as_text=True)


@pytest.mark.parametrize(
    "contact,code",
    [
        ("13900139000", None),  # wrong phone
        ("13800138000", "AAAA-AAAA-AA"),  # wrong code
        ("13800138000", "number"),  # the receipt number is not enough any more
        ("", None),
        ("<script>", None),
        ("x" * 100_000, None),
    ],
)
def test_lookup_with_wrong_details_gets_nothing(
    client, make_donor_intake, make_donor, make_receipt, contact, code
):
    donor = make_donor(name="李四", phone="13800138000")
    receipt = make_receipt(make_donor_intake(donor=donor))
    code = receipt.number if code == "number" else code
    response = client.post(
        "/receipts/lookup?lang=en",
        data={"contact": contact, "code": code or receipt.verify_code},
    )
    assert response.status_code in (200, 413)
    html = response.get_data(as_text=True)
    assert "/receipts/my/" not in html and "瓶装水" not in html
    assert db.session.scalar(select(ReceiptAccessLink)) is None


@pytest.mark.ratelimit
def test_lookup_is_rate_limited(client, make_receipt):
    receipt = make_receipt()
    codes = [
        client.post(
            "/receipts/lookup",
            data={"contact": "13900139000", "code": receipt.verify_code},
        ).status_code
        for _ in range(7)
    ]
    assert codes[:5] == [200] * 5 and codes[-1] == 429


@pytest.mark.ratelimit
def test_verification_is_rate_limited(client, org):
    codes = [client.get("/receipts/verify/AAAAAAAAAA").status_code for _ in range(32)]
    assert codes[0] == 404 and codes[-1] == 429


def test_lookup_by_email_sends_when_mail_works(
    app, client, make_donor_intake, make_donor, make_receipt
):
    from volunteer_hub.outbox.models import OutboxMessage

    app.config["MAIL_SERVER"] = "smtp.invalid"
    donor = make_donor(name="王五", email="wang@example.org")
    receipt = make_receipt(make_donor_intake(donor=donor))
    response = client.post(
        "/receipts/lookup?lang=en",
        data={"contact": "WANG@example.org", "code": receipt.verify_code.lower()},
    )
    assert response.status_code == 200
    assert "we have sent the link" in response.get_data(as_text=True)
    message = db.session.scalar(select(OutboxMessage))
    assert message.to_address == "wang@example.org"
    assert "/receipts/my/" in message.private_body  # until sent, then removed
    assert "/receipts/my/" not in message.body


def test_signature_is_reported_on_upload(app, client, make_receipt, signing_keys):
    app.config["RECEIPT_SIGNING_KEY"], app.config["RECEIPT_SIGNING_CERT"] = signing_keys
    receipt = make_receipt()
    html = upload(
        client, f"/receipts/verify/{receipt.verify_code}?lang=en", receipt.pdf
    ).get_data(as_text=True)
    assert "digital signature is valid and is ours" in html
    assert re.search(r"digital signature of the organisation", html)


def test_lookup_backs_off_per_donor_across_clients(
    app, make_donor_intake, make_donor, make_receipt
):
    """Someone holding a receipt tries phone numbers from many addresses (or
    workers): the donor's limit is in the database, so it holds for all."""
    from volunteer_hub import throttle

    donor = make_donor(name="李四", phone="13800138000")
    receipt = make_receipt(make_donor_intake(donor=donor))
    for n in range(throttle.FREE_FAILURES + 1):
        app.test_client().post(
            "/receipts/lookup",
            data={"contact": f"1390013{n:04d}", "code": receipt.verify_code},
        )
    right = app.test_client().post(
        "/receipts/lookup", data={"contact": "13800138000", "code": receipt.verify_code}
    )
    assert right.status_code == 200 and "/receipts/my/" not in right.get_data(
        as_text=True
    )
    assert db.session.scalar(select(ReceiptAccessLink)) is None
