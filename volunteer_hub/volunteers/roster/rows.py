"""The roster's rows: each volunteer with their skills and weekly times, written
once per row in the reader's words (the page), and the same facts read in
batches (the CSV export)."""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import gettext
from sqlalchemy import Row, String, bindparam, cast, func, select

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


# For the CSV export (500 volunteers at a time; the page reads the same as
# detail_columns). Built once, with the ids as one expanding parameter: a
# statement's cache key is worked out once per statement object.
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


def detail_columns() -> tuple:
    """Columns for the list's SELECT that carry each volunteer's skills and
    weekly times as text (``"12 3 certified,15 1 interested"``: row id,
    specialty id, level; ``"5morning,0evening"``), read by correlated
    subqueries for the page's rows only. One query then gives the page: two
    more queries of some 400 rows for 50 volunteers cost more than the page."""
    skill = (
        cast(VolunteerSpecialty.id, String)
        + " "
        + cast(VolunteerSpecialty.specialty_id, String)
        + " "
        + VolunteerSpecialty.level
    )
    slot = cast(AvailabilitySlot.weekday, String) + AvailabilitySlot.part
    return (
        select(func.aggregate_strings(skill, ","))
        .where(VolunteerSpecialty.volunteer_id == Volunteer.id)
        .scalar_subquery()
        .label("skill_codes"),
        select(func.aggregate_strings(slot, ","))
        .where(AvailabilitySlot.volunteer_id == Volunteer.id)
        .scalar_subquery()
        .label("slot_codes"),
    )


def _skills(codes: str | None) -> list[tuple[int, str]]:
    """``(specialty id, level)`` from :func:`detail_columns`' text, in the
    order they were added."""
    if not codes:
        return []
    added = sorted(
        (int(row), int(specialty), level)
        for row, specialty, level in (code.split(" ") for code in codes.split(","))
    )
    return [(specialty, level) for _row, specialty, level in added]


def _slots(codes: str | None) -> list[tuple[int, str]]:
    """``(weekday, part)`` from :func:`detail_columns`' text."""
    if not codes:
        return []
    return [(int(code[0]), code[1:]) for code in codes.split(",")]


def roster_rows(volunteers: list, specialties, locale: str) -> list[RosterRow]:
    """The list's rows for ``volunteers``: rows with the columns the list shows
    and :func:`detail_columns`, as :func:`queries.roster_page` reads them."""
    words = _words(specialties, locale)
    return [
        _row(v, _skills(v.skill_codes), _slots(v.slot_codes), words) for v in volunteers
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
