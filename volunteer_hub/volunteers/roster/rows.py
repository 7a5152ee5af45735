"""The roster page's rows: each volunteer with their skills and weekly times,
written once per row in the reader's words."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from sqlalchemy import Row, select

from volunteer_hub.extensions import db
from volunteer_hub.matching.model import PARTS
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.labels import (
    LEVEL_LABELS,
    PART_LABELS,
    STATUS_LABELS,
    WEEKDAYS,
)
from volunteer_hub.volunteers.models import (
    AvailabilitySlot,
    Volunteer,
    VolunteerSpecialty,
)


@dataclass(frozen=True)
class RosterRow:
    """One volunteer of the list as the reader reads it: masked phone, skills
    ("养老护理 (持证)、…") and the first weekly times, morning to evening."""

    volunteer: Volunteer | Row  # id, name, phone, district, status, is_core
    # Copied from ``volunteer``: the template reads a dataclass's fields several
    # times faster than a Row's.
    id: int
    name: str | None
    district: str
    is_core: bool
    status: str
    phone: str
    skills: str
    times: str
    more_times: int
    # "and 3 more" (times beyond the first four), written here: a translation
    # called from the template's row loop costs a Jinja context per row.
    more: str


def _by_volunteer(statement) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = {}
    # Through the connection: the ORM-enabled execute costs more than these rows.
    for volunteer_id, *rest in db.session.connection().execute(statement):
        grouped.setdefault(volunteer_id, []).append(tuple(rest))
    return grouped


def read_details(ids: list[int]) -> tuple[dict, dict]:
    """Skills ``{volunteer id: [(specialty id, level), …]}`` in the order they
    were added, and weekly times ``{volunteer id: [(weekday, part), …]}``."""
    skills = _by_volunteer(
        select(
            VolunteerSpecialty.volunteer_id,
            VolunteerSpecialty.specialty_id,
            VolunteerSpecialty.level,
        )
        .where(VolunteerSpecialty.volunteer_id.in_(ids))
        .order_by(VolunteerSpecialty.id)
    )
    slots = _by_volunteer(
        select(
            AvailabilitySlot.volunteer_id,
            AvailabilitySlot.weekday,
            AvailabilitySlot.part,
        ).where(AvailabilitySlot.volunteer_id.in_(ids))
    )
    return skills, slots


def _words(specialties, locale: str) -> dict:
    """Names and labels as plain strings, translated once per page rather than
    once per cell."""
    chinese = not locale.startswith("en")
    return {
        "specialty": {s.id: s.display_name(locale) for s in specialties},
        "level": {k: str(v) for k, v in LEVEL_LABELS.items()},
        "weekday": [str(day) for day in WEEKDAYS],
        "part": {k: str(v) for k, v in PART_LABELS.items()},
        "status": {k: str(v) for k, v in STATUS_LABELS.items()},
        "separator": "、" if chinese else ", ",
        "space": "" if chinese else " ",
        "more": gettext("and %(n)d more"),
    }


def roster_rows(volunteers: list, specialties, locale: str):
    """The list's rows for ``volunteers`` (Volunteer objects, or rows with the
    columns the list shows, as :func:`queries.roster_page` reads them).

    Skills and slots are read in two queries of plain tuples: a page of 50 holds
    some 350 of them, which cost more as ORM objects (and the cells more as
    template loops) than the page's own query."""
    skills, slots = read_details([v.id for v in volunteers])
    words = _words(specialties, locale)
    return [
        _row(v, skills.get(v.id, ()), slots.get(v.id, ()), words) for v in volunteers
    ]


def _row(v: Volunteer | Row, skills, slots, words: dict) -> RosterRow:
    join, space = words["separator"].join, words["space"]
    slots = sorted(slots, key=lambda slot: (slot[0], PARTS.index(slot[1])))
    times = [f"{words['weekday'][d]}{space}{words['part'][p]}" for d, p in slots]
    more = max(len(times) - 4, 0)
    return RosterRow(
        volunteer=v,
        id=v.id,
        name=v.name,
        district=v.district,
        is_core=v.is_core,
        status=words["status"][v.status],
        phone=personal.mask_phone(v.phone),
        skills=join(
            f"{words['specialty'][s]} ({words['level'][level]})" for s, level in skills
        ),
        times=join(times[:4]),
        more_times=more,
        more=words["more"] % {"n": more} if more else "",
    )
