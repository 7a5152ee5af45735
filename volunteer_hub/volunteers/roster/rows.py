"""The roster page's rows: each volunteer with their skills and weekly times,
written once per row in the reader's words."""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import gettext
from sqlalchemy import Row, bindparam, select

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

# What an empty cell shows.
EMPTY = "—"


class RosterRow(NamedTuple):
    """One volunteer of the list as the reader reads it: the name (or "withdrawn
    volunteer #12"), masked phone, skills ("养老护理 (持证)、…") and the first
    weekly times, morning to evening, with "and 3 more" after them.

    Every cell is written here, empty ones as "—": the template's row loop
    prints the fields as they are (each test or call there costs its 50 rows).
    A named tuple's fields read fast in the template, unlike a Row's."""

    id: int
    name: str
    district: str
    is_core: bool
    status: str
    phone: str
    skills: str
    times: str


def _by_volunteer(statement, ids: list[int]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = {}
    # Through the connection: the ORM-enabled execute costs more than these rows.
    # All rows at once (.all()): iterating a result fetches them one by one.
    rows = db.session.connection().execute(statement, {"ids": ids}).all()
    for volunteer_id, *rest in rows:
        grouped.setdefault(volunteer_id, []).append(tuple(rest))
    return grouped


# Built once, with the ids as one expanding parameter: a statement's cache
# key is worked out once per statement object, not once per page.
_SKILLS = (
    select(
        VolunteerSpecialty.volunteer_id,
        VolunteerSpecialty.specialty_id,
        VolunteerSpecialty.level,
    )
    .where(VolunteerSpecialty.volunteer_id.in_(bindparam("ids", expanding=True)))
    .order_by(VolunteerSpecialty.id)
)
_SLOTS = select(
    AvailabilitySlot.volunteer_id, AvailabilitySlot.weekday, AvailabilitySlot.part
).where(AvailabilitySlot.volunteer_id.in_(bindparam("ids", expanding=True)))


def read_details(ids: list[int]) -> tuple[dict, dict]:
    """Skills ``{volunteer id: [(specialty id, level), …]}`` in the order they
    were added, and weekly times ``{volunteer id: [(weekday, part), …]}``."""
    if not ids:
        return {}, {}
    return _by_volunteer(_SKILLS, ids), _by_volunteer(_SLOTS, ids)


# Per locale: every weekly time's words and order, levels, statuses.
_LABELS: dict[str, dict] = {}


def _labels(locale: str) -> dict:
    """The fixed words of the list, translated once per process and locale."""
    labels = _LABELS.get(locale)
    if labels is None:
        chinese = not locale.startswith("en")
        space = "" if chinese else " "
        parts = {p: str(PART_LABELS[p]) for p in PARTS}
        labels = _LABELS[locale] = {
            # (weekday, part) → (its place in the week, "周六上午")
            "slot": {
                (day, part): (day * 3 + n, f"{name}{space}{parts[part]}")
                for day, name in enumerate(str(w) for w in WEEKDAYS)
                for n, part in enumerate(PARTS)
            },
            "level": {k: str(v) for k, v in LEVEL_LABELS.items()},
            "status": {k: str(v) for k, v in STATUS_LABELS.items()},
            "separator": "、" if chinese else ", ",
            "more": gettext("and %(n)d more"),
            "withdrawn": gettext("Withdrawn volunteer #%(id)d"),
        }
    return labels


def _words(specialties, locale: str) -> dict:
    """The fixed words and each skill's words ("助老服务 (有经验)"), for one page."""
    labels = _labels(locale)
    levels = labels["level"]
    return dict(
        labels,
        skill={
            (s.id, level): f"{s.display_name(locale)} ({word})"
            for s in specialties
            for level, word in levels.items()
        },
    )


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
    join, slot_words = words["separator"].join, words["slot"]
    times = sorted(slot_words[slot] for slot in slots)
    shown = join(word for _place, word in times[:4])
    if len(times) > 4:
        shown = f"{shown} {words['more'] % {'n': len(times) - 4}}"
    return RosterRow(
        id=v.id,
        name=v.name or words["withdrawn"] % {"id": v.id},
        district=v.district or EMPTY,
        is_core=v.is_core,
        status=words["status"][v.status],
        phone=personal.mask_phone(v.phone) or EMPTY,
        skills=join(words["skill"][skill] for skill in skills) or EMPTY,
        times=shown or EMPTY,
    )
