"""Jurisdiction profiles: what a receipt must state, and the check before issue.

- ``cn``: a donation acknowledgment (捐赠确认书) with values in figures and in
  capital numerals, which says it is not an official finance-bureau donation
  receipt (公益事业捐赠票据) unless the number of the one issued is entered.
- ``us``: a written acknowledgment that describes non-cash items without stating
  their value and says what, if anything, the donor received in exchange.
- ``generic``: the organisation's own wording.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Profile:
    code: str
    # Values and totals appear on the receipt.
    states_values: bool
    # Totals are also written in Chinese capital numerals (大写).
    capital_numerals: bool
    # Staff re-downloads of an original are stamped as copies.
    marks_copies: bool
    title_key: str


PROFILES = {
    "cn": Profile("cn", True, True, True, "title_cn"),
    "us": Profile("us", False, False, False, "title_us"),
    "generic": Profile("generic", True, False, False, "title_generic"),
}


def profile_for(code: str | None) -> Profile:
    return PROFILES.get(code or "cn", PROFILES["cn"])


def missing_fields(snapshot: dict) -> list:
    """What the receipt's profile requires but the snapshot lacks, as messages.

    An empty list means the receipt may be issued.
    """
    profile = profile_for(snapshot.get("jurisdiction"))
    org = snapshot.get("organisation", {})
    donor = snapshot.get("donor", {})
    missing = []
    if not (org.get("name_zh") or org.get("name_en")):
        missing.append(_l("the organisation's name"))
    if not donor.get("name"):
        missing.append(_l("the donor's name"))
    if not any(intake.get("lines") for intake in snapshot.get("intakes", [])):
        missing.append(_l("accepted goods"))
    if profile.code == "cn":
        if not org.get("registration_code"):
            missing.append(_l("the organisation's registration code"))
        if not org.get("address"):
            missing.append(_l("the organisation's address"))
        if not snapshot.get("seal_sha256"):
            missing.append(_l("the organisation's seal image"))
        if not snapshot.get("issued_by"):
            missing.append(_l("the name of the person issuing it"))
    elif profile.code == "us":
        if not org.get("registration_code"):
            missing.append(_l("the organisation's tax number (EIN)"))
    elif not (snapshot.get("wording") or "").strip():
        missing.append(_l("the receipt wording in the organisation profile"))
    return missing
