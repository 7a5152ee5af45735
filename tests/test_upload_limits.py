"""The request size limit and the pages' own file limits agree: the verify page
accepts the 5 MB it promises; beyond the global limit a friendly page says why."""

import io

import pytest


def upload(client, path, data: bytes):
    return client.post(
        path,
        data={"document": (io.BytesIO(data), "receipt.pdf")},
        content_type="multipart/form-data",
    )


def padded(pdf: bytes, size: int) -> bytes:
    """The PDF followed by comment lines up to ``size`` bytes (still a PDF)."""
    line = b"% padding " + b"x" * 53 + b"\n"
    return pdf + line * ((size - len(pdf)) // len(line))


def test_a_4_mb_pdf_is_checked(client, make_receipt):
    receipt = make_receipt()
    path = f"/receipts/verify/{receipt.verify_code}?lang=en"
    response = upload(client, path, padded(receipt.pdf, 4 * 1024 * 1024))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "NOT a receipt exactly as we issued it" in html
    assert f"claims to be receipt {receipt.number}" in html


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", ("文件太大", "6 MB")), ("en", ("File too large", "larger than 6 MB"))],
)
def test_a_7_mb_upload_gets_the_friendly_page(client, make_receipt, lang, words):
    receipt = make_receipt()
    path = f"/receipts/verify/{receipt.verify_code}?lang={lang}"
    response = upload(client, path, padded(receipt.pdf, 7 * 1024 * 1024))
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    for word in words:
        assert word in html
