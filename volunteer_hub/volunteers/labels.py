"""Translated labels for statuses, levels, weekdays and parts of the day."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "pending": _l("Waiting for approval"),
    "active": _l("Active"),
    "inactive": _l("Inactive"),
    "withdrawn": _l("Withdrawn"),
}
LEVEL_LABELS = {
    "interested": _l("Interested"),
    "experienced": _l("Experienced"),
    "certified": _l("Certified"),
}
LEVEL_HINTS = {
    "interested": _l("Interested, would like to learn"),
    "experienced": _l("Experienced"),
    "certified": _l("Certified (I hold a certificate)"),
}
WEEKDAYS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)
PART_LABELS = {
    "morning": _l("Morning"),
    "afternoon": _l("Afternoon"),
    "evening": _l("Evening"),
}
GROUP_LABELS = {
    "care": _l("Care and health"),
    "skills": _l("Professional skills"),
    "community": _l("Community and activities"),
    "other": _l("Other"),
}
SOURCE_LABELS = {
    "signup": _l("Signed up online"),
    "staff": _l("Entered by staff"),
    "import": _l("Imported"),
}
# Service hours: where a record came from, and a coordinator's review.
RECORD_SOURCE_LABELS = {"manual": _l("Entered by staff"), "shift": _l("From a shift")}
REVIEW_LABELS = {"approved": _l("Approved"), "rejected": _l("Not approved")}


def slot_label(weekday: int, part: str) -> str:
    return f"{WEEKDAYS[weekday]} {PART_LABELS[part]}"


def slot_words(code: str) -> str | None:
    """``5-morning`` (as the audit log stores a weekly slot) or ``morning`` in
    words; None for anything else."""
    day, _dash, part = code.rpartition("-")
    if day.isdigit() and int(day) < len(WEEKDAYS) and part in PART_LABELS:
        return slot_label(int(day), part)
    return str(PART_LABELS[code]) if code in PART_LABELS else None


def labels_context() -> dict:
    """Template globals for the volunteer pages."""
    return {
        "STATUS_LABELS": STATUS_LABELS,
        "LEVEL_LABELS": LEVEL_LABELS,
        "WEEKDAYS": WEEKDAYS,
        "PART_LABELS": PART_LABELS,
        "SOURCE_LABELS": SOURCE_LABELS,
    }
