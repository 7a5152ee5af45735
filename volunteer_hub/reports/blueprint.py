"""The reports blueprint and what its views share: the formats, the
organisation's time zone and the screen address of a download."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, request, url_for

from volunteer_hub import clock
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.reports.periods import Period, zone

bp = Blueprint("reports", __name__, url_prefix="/reports")
# The file formats a report route answers besides the screen page.
FORMATS = "any(pdf, csv)"


def organisation_zone():
    org = current_organisation()
    return zone(org.timezone if org else None)


def period_from(form) -> Period:
    return Period(form.start.data, form.end.data, organisation_zone())


def screen_url() -> str:
    """The screen version of the current report, with the same filters."""
    values = {k: v for k, v in (request.view_args or {}).items() if k != "fmt"}
    return url_for(request.endpoint, **values, **request.args.to_dict())


def local_today() -> date:
    """Today in the organisation's time zone."""
    return clock.now().astimezone(organisation_zone()).date()
