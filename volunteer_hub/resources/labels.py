"""The words of the resources feature: partner types, the seven kinds of
resources, contribution kinds, value bases, budget categories, opportunities."""

from flask_babel import lazy_gettext as _l

PARTNER_TYPE_LABELS = {
    "government": _l("Government department"),
    "foundation": _l("Foundation"),
    "enterprise": _l("Enterprise"),
    "association": _l("Association"),
    "media": _l("Media"),
    "school": _l("School"),
    "community": _l("Community committee"),
    "individual": _l("Individual with standing"),
    "public": _l("The public"),
    "other": _l("Other"),
}
# The seven kinds of resources an organisation cultivates.
RESOURCE_KIND_LABELS = {
    "funds": _l("Funds"),
    "people": _l("People"),
    "government": _l("Government"),
    "society": _l("Society"),
    "served": _l("The people served"),
    "media": _l("Media"),
    "standing": _l("Social standing"),
}
LOG_KIND_LABELS = {
    "meeting": _l("Meeting"),
    "agreement": _l("Agreement"),
    "visit": _l("Visit"),
    "report_sent": _l("Report sent"),
    "other": _l("Other"),
}
CONTRIBUTION_KIND_LABELS = {
    "cash_grant": _l("Cash grant or donation"),
    "contract_payment": _l("Contract payment"),
    "goods": _l("Goods"),
    "transport": _l("Vehicle or transport"),
    "venue": _l("Venue"),
    "printing": _l("Printing"),
    "media": _l("Media coverage"),
    "pro_bono": _l("Professional pro bono time"),
}
CASH_KINDS = ("cash_grant", "contract_payment")
VALUE_BASIS_LABELS = {
    "contract": _l("Contract amount"),
    "invoice": _l("Invoice"),
    "market": _l("Market price"),
    "declared": _l("Declared by the giver"),
    "not_valued": _l("Not valued"),
}
BUDGET_CATEGORY_LABELS = {
    "direct": _l("Direct activity costs"),
    "personnel": _l("Personnel cost"),
    "management": _l("Management fee"),
}
OPPORTUNITY_KIND_LABELS = {
    "tender": _l("Government purchase of services"),
    "venture": _l("Venture philanthropy competition"),
    "commission": _l("Direct commission"),
}
OPPORTUNITY_STATUS_LABELS = {
    "watching": _l("Watching"),
    "preparing": _l("Preparing"),
    "submitted": _l("Submitted"),
    "won": _l("Won"),
    "lost": _l("Lost"),
}
# Where an opportunity may go next from each status.
OPPORTUNITY_NEXT = {
    "watching": ("preparing", "lost"),
    "preparing": ("submitted", "lost"),
    "submitted": ("won", "lost"),
    "won": (),
    "lost": (),
}
DOCUMENT_KIND_LABELS = {
    "registration": _l("Registration certificate"),
    "assessment": _l("Assessment grade"),
    "audit": _l("Audit report"),
    "tax": _l("Tax certificate"),
    "insurance": _l("Insurance"),
    "other": _l("Other document"),
}
HOUR_LEVEL_LABELS = {
    "none": _l("No specialty recorded"),
    "interested": _l("Interested"),
    "experienced": _l("Experienced"),
    "certified": _l("Certified"),
}


def choices(labels: dict) -> list[tuple[str, object]]:
    return list(labels.items())


def in_list(column: str, values) -> str:
    """SQL for a check constraint: ``column IN ('a', 'b')``."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"
