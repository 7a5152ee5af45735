"""Donors: one record per phone and e-mail, edits, merging, personal links.

The services are re-exported here for the importers of the old ``drives.donors``
module (receipts).
"""

from volunteer_hub.drives.donors.services import (
    DONOR_FIELDS,
    donor_by_secret,
    donor_from_form,
    donor_ids,
    find_or_create_donor,
    issue_donor_link,
    mask_phone,
    merge_donors,
    normalise_email,
    normalise_phone,
    resolve_donor,
    update_donor,
)

__all__ = [
    "DONOR_FIELDS",
    "donor_by_secret",
    "donor_from_form",
    "donor_ids",
    "find_or_create_donor",
    "issue_donor_link",
    "mask_phone",
    "merge_donors",
    "normalise_email",
    "normalise_phone",
    "resolve_donor",
    "update_donor",
]
