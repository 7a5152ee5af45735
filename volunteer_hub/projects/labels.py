"""Words for statuses and for the matcher's reason codes, in the reader's language."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date, format_time
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from volunteer_hub.projects.adapter import local_zone
from volunteer_hub.volunteers.labels import LEVEL_LABELS

PROJECT_STATUS_LABELS = {
    "planning": _l("Planning"),
    "active": _l("Under way"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
}
ASSIGNMENT_STATUS_LABELS = {
    "proposed": _l("Proposed"),
    "invited": _l("Invited"),
    "confirmed": _l("Confirmed"),
    "declined": _l("Declined"),
    "attended": _l("Attended"),
    "no_show": _l("Did not come"),
    "cancelled": _l("Taken off"),
}
# How a volunteer came onto a shift.
ORIGIN_LABELS = {
    "manual": _l("Picked by a coordinator"),
    "auto": _l("Auto-fill"),
    "replacement": _l("Replacement"),
}


def _num(value) -> str:
    """A number without a useless ``.0``: 2, 2.5, 12.25."""
    value = round(float(value), 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


def _month(params) -> str:
    return "{}-{:02d}".format(params.get("year"), int(params.get("month", 0)))


def _level(code) -> str:
    return str(LEVEL_LABELS.get(code, code))


def reason_text(code: str, params: dict) -> str:
    """One reason (score factor or blocker) as a sentence a coordinator reads."""
    p = {k: _num(v) if isinstance(v, int | float) else v for k, v in params.items()}
    texts = {
        "level_interested": lambda: _(
            "Interested in the specialty (no experience yet)"
        ),
        "level_experienced": lambda: _("Experienced in the specialty"),
        "level_certified": lambda: _("Certified in the specialty"),
        "certificate_valid": lambda: _("Certificate valid on the day"),
        "certificate_expired": lambda: _(
            "Certificate expired %(days)s days before the shift",
            days=p.get("days_expired", "?"),
        ),
        "available": lambda: _("Usually available at this time"),
        "partly_available": lambda: _(
            "Available for part of this time (%(covered)s of %(needed)s)",
            covered=p.get("covered"),
            needed=p.get("needed"),
        ),
        "not_available": lambda: _("Not usually available at this time"),
        "away_on_date": lambda: _("Said they are not available on this date"),
        "same_district": lambda: _("Lives in the same district"),
        "core": lambda: _("Core volunteer"),
        "load_low": lambda: _(
            "Served %(hours)s h in the last 90 days (typical: %(median)s h): "
            "spreads the load",
            hours=p.get("hours"),
            median=p.get("median_hours"),
        ),
        "load_high": lambda: _(
            "Served %(hours)s h in the last 90 days (typical: %(median)s h): "
            "already busy",
            hours=p.get("hours"),
            median=p.get("median_hours"),
        ),
        "attendance_good": lambda: _(
            "Came %(attended)s times, missed %(missed)s",
            attended=p.get("attended"),
            missed=p.get("no_shows"),
        ),
        "attendance_poor": lambda: _(
            "Often missed shifts: came %(attended)s times, missed %(missed)s",
            attended=p.get("attended"),
            missed=p.get("no_shows"),
        ),
        "status_pending": lambda: _("Not yet approved"),
        "status_inactive": lambda: _("Inactive"),
        "status_withdrawn": lambda: _("Withdrawn"),
        "overlapping_booking": lambda: _("Already booked on an overlapping shift"),
        "over_monthly_max": lambda: _(
            "Would pass the monthly maximum: %(booked)s h booked in %(month)s, "
            "this shift %(shift)s h, maximum %(max)s h",
            booked=p.get("hours_booked"),
            month=_month(params),
            shift=p.get("shift_hours"),
            max=p.get("max_hours"),
        ),
        "no_specialty": lambda: _("Does not have the specialty this shift needs"),
        "level_too_low": lambda: _(
            "Level %(level)s, the shift needs at least %(min)s",
            level=_level(params.get("level")),
            min=_level(params.get("min_level")),
        ),
        "certificate_missing": lambda: _("No certificate, which this shift requires"),
    }
    if code == "certificate_expired" and "points" not in params:
        return _(
            "Certificate expired %(days)s days before the shift; it is required",
            days=p.get("days_expired", "?"),
        )
    make = texts.get(code)
    return make() if make else code


def points_text(points) -> str:
    value = float(points)
    return ("+" if value > 0 else "−" if value < 0 else "") + _num(abs(value))


def local(moment: datetime) -> datetime:
    return moment.astimezone(local_zone())


def shift_when(shift) -> str:
    """``Monday, 7 December 2026, 09:00–12:00`` in the reader's language."""
    start, end = local(shift.starts_at), local(shift.ends_at)
    locale = get_locale() or "zh_Hans"
    day = format_date(start.date(), format="full", locale=locale)
    times = f"{format_time(start, 'HH:mm', locale=locale)}–"
    if end.date() != start.date():
        times += format_date(end.date(), format="medium", locale=locale) + " "
    return f"{day} {times}{format_time(end, 'HH:mm', locale=locale)}"


def labels_context() -> dict:
    return {
        "PROJECT_STATUS_LABELS": PROJECT_STATUS_LABELS,
        "ASSIGNMENT_STATUS_LABELS": ASSIGNMENT_STATUS_LABELS,
        "SHIFT_LEVEL_LABELS": LEVEL_LABELS,
        "reason_text": reason_text,
        "points_text": points_text,
        "shift_when": shift_when,
        "local_time": local,
    }
