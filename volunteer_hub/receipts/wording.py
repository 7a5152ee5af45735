"""The words printed on receipts, in each language the receipt uses.

A receipt is rendered in Chinese, in English or in both, whatever the reader's
interface language, so its labels are looked up here per language (once per
process) instead of through the request's locale.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from volunteer_hub.drives.models_stock import CONDITION_LABELS, VALUATION_BASIS_LABELS

LOCALES = {"zh": "zh_Hans", "en": "en"}

TEXT = {
    "title_cn": _l("Donation acknowledgment"),
    "title_us": _l("Written acknowledgment of a contribution"),
    "title_generic": _l("Donation receipt"),
    "title_statement": _l("Consolidated donation statement"),
    "number": _l("No."),
    "issued_on": _l("Date of issue"),
    "verify_code": _l("Verification code"),
    "organisation": _l("Recipient organisation"),
    "registration_code": _l("Registration code"),
    "tax_number": _l("Tax number"),
    "address": _l("Address"),
    "donor": _l("Donor"),
    "donor_address": _l("Donor's address"),
    "drive": _l("Drive"),
    "partner": _l("Partner organisation"),
    "intake": _l("Intake"),
    "received_on": _l("Received on"),
    "handled_by": _l("Handled by"),
    "item": _l("Item"),
    "quantity": _l("Quantity"),
    "unit": _l("Unit"),
    "condition": _l("Condition"),
    "expiry": _l("Expiry date"),
    "value": _l("Value"),
    "basis": _l("Valuation basis"),
    "total_value": _l("Total value"),
    "total_capital": _l("Total in words"),
    "not_valued": _l("The goods were not valued."),
    "purpose": _l("Restricted purpose"),
    "unrestricted": _l("Unrestricted: for the organisation's charitable purposes."),
    "issued_by": _l("Issued by"),
    "seal": _l("Seal of the organisation"),
    "thanks": _l("We thank you for your donation, received as listed above."),
    "cn_not_official": _l(
        "This acknowledgment is not an official donation receipt supervised by the"
        " finance department (公益事业捐赠票据)."
    ),
    "cn_official": _l("Number of the official donation receipt issued: %(number)s"),
    "us_no_value": _l(
        "This acknowledgment describes the donated items; it does not state their"
        " value, which is for the donor to determine."
    ),
    "us_no_goods": _l(
        "No goods or services were provided in exchange for this contribution."
    ),
    "us_goods": _l("In exchange for this contribution the donor received: %(what)s"),
    "replaces": _l("This receipt cancels and replaces No. %(number)s."),
    "verify": _l("Check this receipt: scan the QR code or open %(url)s"),
    "period_year": _l("Donations received in %(year)s"),
    "period_drive": _l("Donations to the drive %(title)s"),
    "copy": _l("COPY"),
}
for _key, _label in CONDITION_LABELS.items():
    TEXT[f"condition_{_key}"] = _label
for _key, _label in VALUATION_BASIS_LABELS.items():
    TEXT[f"basis_{_key}"] = _label

_tables: dict[str, dict[str, str]] = {}


def table(language: str) -> dict[str, str]:
    """Every text in ``language`` ("zh" or "en"), translated once per process."""
    found = _tables.get(language)
    if found is None:
        with force_locale(LOCALES[language]):
            found = _tables[language] = {k: str(v) for k, v in TEXT.items()}
    return found


def languages(mode: str) -> tuple[str, ...]:
    return {"zh": ("zh",), "en": ("en",)}.get(mode, ("zh", "en"))
