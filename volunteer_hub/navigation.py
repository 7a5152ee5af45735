"""The staff navigation: (endpoint, label, minimum role). Features add their line."""

from flask_babel import lazy_gettext as _l

STAFF_NAV = (
    ("main.index", _l("Home"), "viewer"),
    ("drives.index", _l("Drives"), "viewer"),
    ("drives.donors_list", _l("Donors"), "viewer"),
    ("volunteers.index", _l("Volunteers"), "viewer"),
    ("projects.index", _l("Projects"), "viewer"),
    ("receipts.index", _l("Receipts"), "viewer"),
    ("partners.index", _l("Partners"), "viewer"),
    ("funding.index", _l("Funding"), "viewer"),
    ("reports.index", _l("Reports"), "viewer"),
    ("outbox.index", _l("Messages"), "coordinator"),
    ("organisation.edit", _l("Organisation"), "admin"),
    ("auth.staff", _l("Staff"), "admin"),
    ("audit.index", _l("Audit log"), "admin"),
)

# Cards on the public home page, one template each, shown in this order. A card
# that needs data calls a template global its feature registers.
HOME_CARDS = (
    "volunteers/_home_card.html",
    "drives/_home_card.html",
    "receipts/_home_card.html",
)
