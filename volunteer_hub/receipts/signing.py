"""Optional PAdES signatures on receipts, with pyHanko.

Signing is on when the instance configuration names a PEM key and certificate:
``RECEIPT_SIGNING_KEY``, ``RECEIPT_SIGNING_CERT`` (file paths) and, if the key
is encrypted, ``RECEIPT_SIGNING_PASSPHRASE``. The signature is an incremental
update, so the stored bytes are the signed PDF.
"""

from __future__ import annotations

import io
import logging
import threading

from flask import current_app

logger = logging.getLogger(__name__)
_local = threading.local()
FIELD_NAME = "ReceiptSignature"


def _outside_event_loop(function, *args, **kwargs):
    """pyHanko's blocking calls use ``asyncio.run``, which fails in a thread that
    already runs an event loop; such callers get it on a thread of its own."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def enabled() -> bool:
    config = current_app.config
    return bool(
        config.get("RECEIPT_SIGNING_KEY") and config.get("RECEIPT_SIGNING_CERT")
    )


def _signer():
    from pyhanko.sign import signers

    config = current_app.config
    key = (config["RECEIPT_SIGNING_KEY"], config["RECEIPT_SIGNING_CERT"])
    cached = getattr(_local, "signer", None)
    if cached is None or cached[0] != key:
        passphrase = config.get("RECEIPT_SIGNING_PASSPHRASE")
        signer = signers.SimpleSigner.load(
            key[0],
            key[1],
            key_passphrase=passphrase.encode() if passphrase else None,
        )
        if signer is None:
            raise RuntimeError("the receipt signing key or certificate cannot be read")
        cached = _local.signer = (key, signer)
    return cached[1]


def sign(pdf: bytes) -> bytes:
    """``pdf`` with a PAdES signature when signing is configured, else unchanged."""
    if not enabled():
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Donation receipt",
    )
    out = _outside_event_loop(signers.sign_pdf, writer, meta, signer=_signer())
    return out.getvalue()


def certificate_subject() -> str | None:
    if not enabled():
        return None
    try:
        return _signer().signing_cert.subject.human_friendly
    except (OSError, RuntimeError, ValueError) as error:
        logger.warning("receipt signing certificate unreadable: %s", error)
        return None


def check_signature(data: bytes) -> dict | None:
    """The first signature in ``data``: who signed, whether the signed bytes are
    intact and whether the signer is our configured certificate. None if unsigned
    or unreadable."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any malformed upload means "unreadable"
        return None
    if not signatures:
        return None
    ours = _signer().signing_cert if enabled() else None
    context = ValidationContext(trust_roots=[ours] if ours else [])
    try:
        status = _outside_event_loop(validate_pdf_signature, signatures[0], context)
    except Exception as error:  # noqa: BLE001
        logger.info("signature check failed: %s", error)
        return {"intact": False, "ours": False, "signer": ""}
    cert = status.signing_cert
    return {
        "intact": bool(status.intact and status.valid),
        "ours": bool(
            ours is not None and cert is not None and cert.dump() == ours.dump()
        ),
        "signer": cert.subject.human_friendly if cert is not None else "",
    }
