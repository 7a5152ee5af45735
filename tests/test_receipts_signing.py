"""Signed receipts: the organisation's signature on the PDF."""


def test_signed_receipt(app, make_receipt, signing_keys):
    from volunteer_hub.receipts import signing

    app.config["RECEIPT_SIGNING_KEY"], app.config["RECEIPT_SIGNING_CERT"] = signing_keys
    receipt = make_receipt()
    assert receipt.signed
    result = signing.check_signature(receipt.pdf)
    assert result["intact"] and result["ours"]
    at = receipt.pdf.index(b"stream", 100) + 200  # inside the first stream
    tampered = receipt.pdf[:at] + bytes([receipt.pdf[at] ^ 1]) + receipt.pdf[at + 1 :]
    assert not (signing.check_signature(tampered) or {}).get("intact")


def test_signing_works_inside_a_running_event_loop(app, make_receipt, signing_keys):
    import asyncio
    import threading

    from volunteer_hub.receipts import signing

    unsigned = make_receipt().pdf
    app.config["RECEIPT_SIGNING_KEY"], app.config["RECEIPT_SIGNING_CERT"] = signing_keys

    async def inside():
        signed = signing.sign(unsigned)
        return signed, signing.check_signature(signed)

    # On a thread of its own: this test process may already run a loop.
    outcome = []

    def run():
        with app.app_context():
            outcome.append(asyncio.run(inside()))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    signed, result = outcome[0]
    assert signed.startswith(unsigned) and result["intact"] and result["ours"]
