"""Donor access without an account: personal links and the lookup page.

A link carries a long random secret; only its hash is stored (an e-mail with it
keeps it only until sent or shown once, see the outbox). The lookup asks for a
phone number or e-mail *and* the verification code printed on one receipt (not
its number: numbers are sequential), answers the same way whatever failed, and
is limited per client (the view) and per donor and contact (``throttle``, in the
database, so the limit holds across workers).
"""

from __future__ import annotations

import hmac

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import throttle
from volunteer_hub.audit.services import record
from volunteer_hub.drives.donors import (
    donor_ids,
    normalise_email,
    normalise_phone,
    resolve_donor,
)
from volunteer_hub.drives.models import Donor
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.links import hash_secret, new_secret, secret_matches
from volunteer_hub.outbox.services import queue_message
from volunteer_hub.receipts.models import Receipt, ReceiptAccessLink
from volunteer_hub.receipts.queries import receipts_for_donor
from volunteer_hub.receipts.services import issue_statement, normalise_code
from volunteer_hub.urls import external_url


def create_link(donor: Donor, reason: str = "staff") -> str:
    """A new personal link secret for ``donor``; earlier links keep working."""
    donor = resolve_donor(donor)
    secret = new_secret()
    link = ReceiptAccessLink(
        donor_id=donor.id, secret_hash=hash_secret(secret), reason=reason[:16]
    )
    db.session.add(link)
    record("receipt.link", donor, after={"reason": reason}, entity_type="donors")
    return secret


def link_url(secret: str) -> str:
    return external_url("receipts_public.donor_page", secret=secret)


def donor_for_secret(secret: str) -> Donor | None:
    """The donor a link belongs to (after merges), or None."""
    if not secret or len(secret) > 200:
        return None
    wanted = hash_secret(secret)
    link = db.session.scalar(
        select(ReceiptAccessLink).where(ReceiptAccessLink.secret_hash == wanted)
    )
    if link is None or not secret_matches(secret, link.secret_hash):
        return None
    return resolve_donor(db.session.get(Donor, link.donor_id))


def _contacts(donor: Donor) -> tuple[set[str], set[str]]:
    records = db.session.scalars(select(Donor).where(Donor.id.in_(donor_ids(donor))))
    phones, emails = set(), set()
    for each in records:
        if each.phone:
            phones.add(each.phone)
        if each.email:
            emails.add(each.email)
    return phones, emails


def _normalised_contact(raw: str, region: str) -> tuple[str, str] | None:
    raw = (raw or "").strip()
    try:
        if "@" in raw:
            email = normalise_email(raw)
            return ("email", email) if email else None
        phone = normalise_phone(raw, region)
        return ("phone", phone) if phone else None
    except DomainError:
        return None


def lookup(contact: str, code: str, region: str = "CN") -> Donor | None:
    """The donor of the receipt with verification ``code`` if ``contact`` is
    their phone or e-mail; None otherwise, or while too many tries failed."""
    found = _normalised_contact(contact, region)
    code = normalise_code(code)
    receipt = None
    if code:
        receipt = db.session.scalar(select(Receipt).where(Receipt.verify_code == code))
    donor = resolve_donor(db.session.get(Donor, receipt.donor_id)) if receipt else None
    keys = _throttle_keys(found, donor)
    if any(throttle.is_blocked(key) for key in keys):
        return None
    phones, emails = _contacts(donor) if donor else (set(), set())
    kind, value = found or ("", "")
    known = phones if kind == "phone" else emails
    # Compare against every known value so that timing says little.
    match = False
    for candidate in known or {"-"}:
        match |= hmac.compare_digest(candidate.encode(), (value or "").encode())
    matched = donor is not None and match
    for key in keys:
        (throttle.clear if matched else throttle.record_failure)(key)
    return donor if matched else None


def _throttle_keys(found: tuple[str, str] | None, donor: Donor | None) -> list[str]:
    """Failures count per contact typed (someone walking codes for one phone)
    and per donor (someone with a receipt trying contacts)."""
    keys = [f"receipt-lookup:{found[0]}:{found[1]}"] if found else []
    if donor is not None:
        keys.append(f"receipt-lookup:donor:{donor.id}")
    return keys


def sms_text(org, url: str) -> str:
    """A short text to paste into an SMS or a chat message, in Chinese."""
    with force_locale("zh_Hans"):
        return _(
            "%(org)s: thank you for your donation. Your receipts: %(url)s",
            org=org.name_zh if org else "",
            url=url,
        )


def send_link_by_email(donor: Donor, address: str, url: str, org) -> None:
    """Queue an e-mail with the donor's link (stored for staff without SMTP)."""
    name = org.display_name("zh") if org else ""
    body = "\n\n".join(
        [
            _("Hello %(name)s,", name=donor.name),
            _("thank you for your donation to %(org)s.", org=name),
            _("You can download your receipts here at any time:"),
            url,
            _("Keep this link private: anyone who has it can see your receipts."),
        ]
    )
    queue_message(
        to_address=address,
        to_name=donor.name,
        subject=_("Your donation receipts from %(org)s", org=name),
        body=body,
        entity=donor,
        secret=url,
    )
    record("receipt.link_sent", donor, after={"to": address}, entity_type="donors")


def email_new_link(donor: Donor, org) -> str:
    """A new link for ``donor``, queued by e-mail to their address; the address.

    Raises DomainError when the donor has no e-mail address.
    """
    if not donor.email:
        raise DomainError(_l("This donor has no e-mail address."))
    send_link_by_email(donor, donor.email, link_url(create_link(donor, "email")), org)
    return donor.email


def lookup_link(contact: str, code: str, org, *, can_mail: bool):
    """A new link for whoever proved a donor's ``contact`` and a receipt's
    ``code``: ``(url, emailed)``, or None when they did not (see ``lookup``).

    The link goes by e-mail when ``can_mail`` and the contact is an address;
    otherwise the caller shows it, since the person proved both.
    """
    region = getattr(org, "country", None) or "CN"
    donor = lookup(contact, code, region)
    if donor is None:
        return None
    url = link_url(create_link(donor, "lookup"))
    emailed = can_mail and "@" in contact and bool(donor.email)
    if emailed:
        send_link_by_email(donor, donor.email, url, org)
    return url, emailed


def request_statement(donor: Donor, year: int) -> tuple[Receipt, bool]:
    """A donor asking for their statement of ``year``: the valid one issued
    already (``False``) or a new one (``True``); DomainError as for
    ``issue_statement``."""
    for receipt in receipts_for_donor(donor):
        if receipt.source_key.endswith(f":year:{year}") and receipt.void is None:
            return receipt, False
    return issue_statement(donor, year=year), True
