"""The roster as CSV: the filtered volunteers, all of them.

The export follows :mod:`volunteer_hub.spreadsheet`: headers and values in the
reader's language, then the codes a re-import reads (``CODE_COLUMNS``); cells
that a spreadsheet would run as a formula get an apostrophe, which import strips.
Volunteers, skills and times are read as plain rows (skills and times 500
volunteers at a time) and every label is translated once per file: as ORM
objects with their labels translated per cell, 181 rows cost 45 ms.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

from volunteer_hub import spreadsheet
from volunteer_hub.extensions import db
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.admin.kept import taxonomy
from volunteer_hub.volunteers.labels import (
    LEVEL_LABELS,
    PART_LABELS,
    STATUS_LABELS,
    WEEKDAYS,
)
from volunteer_hub.volunteers.models import Volunteer
from volunteer_hub.volunteers.roster.queries import RosterFilter, roster_statement
from volunteer_hub.volunteers.roster.rows import read_details

# The columns people read, headed and filled in the reader's language ...
EXPORT_COLUMNS = (
    ("id", _l("No.")),
    ("name", _l("Name")),
    ("phone", _l("Mobile phone")),
    ("email", _l("E-mail")),
    ("district", _l("District or community")),
    ("status", _l("Status")),
    ("core", _l("Core volunteer")),
    ("specialties", _l("Skills")),
    ("availability", _l("Usual times")),
    ("max_hours_per_month", _l("At most hours a month")),
    ("created_at", _l("Registered on")),
)
# ... then the same facts as codes, for a re-import (roster.services reads these
# before the translated columns).
CODE_COLUMNS = ("status_code", "core_code", "specialty_codes", "availability_codes")
BATCH = 500


def _words(locale: str) -> dict:
    """Labels and specialty names as plain strings, translated once per file."""
    chinese = not locale.startswith("en")
    specialties = taxonomy()
    return {
        "name": {s.id: s.display_name(locale) for s in specialties},
        "code": {s.id: s.code for s in specialties},
        "level": {k: str(v) for k, v in LEVEL_LABELS.items()},
        "weekday": [str(day) for day in WEEKDAYS],
        "part": {k: str(v) for k, v in PART_LABELS.items()},
        "status": {k: str(v) for k, v in STATUS_LABELS.items()},
        "yes": gettext("Yes"),
        "colon": "：" if chinese else ": ",
        "separator": "、" if chinese else "; ",
        "space": "" if chinese else " ",
    }


def _row(v, skills, slots, words: dict, full: bool) -> list:
    join, space, colon = words["separator"].join, words["space"], words["colon"]
    name, level = words["name"], words["level"]
    slots = sorted(set(slots))
    return [
        v.id,
        v.name,
        v.phone if full else personal.mask_phone(v.phone),
        v.email if full else personal.mask_email(v.email),
        v.district,
        words["status"][v.status],
        words["yes"] if v.is_core else "",
        join(f"{name[s]}{colon}{level[lv]}" for s, lv in skills),
        join(f"{words['weekday'][d]}{space}{words['part'][p]}" for d, p in slots),
        v.max_hours_per_month or "",
        v.created_at.date().isoformat(),
        v.status,
        "yes" if v.is_core else "",
        "; ".join(f"{words['code'][s]}:{lv}" for s, lv in skills),
        "; ".join(f"{d}-{p}" for d, p in slots),
    ]


def export_rows(f: RosterFilter, *, full: bool) -> Iterator[list[str]]:
    """Header and one row per volunteer; phone and e-mail masked unless ``full``."""
    locale = str(get_locale() or "zh_Hans")
    yield [str(label) for _key, label in EXPORT_COLUMNS] + list(CODE_COLUMNS)
    words = _words(locale)
    statement = roster_statement(f).with_only_columns(
        Volunteer.id,
        Volunteer.name,
        Volunteer.phone,
        Volunteer.email,
        Volunteer.district,
        Volunteer.status,
        Volunteer.is_core,
        Volunteer.max_hours_per_month,
        Volunteer.created_at,
    )
    volunteers = db.session.connection().execute(statement).all()
    for start in range(0, len(volunteers), BATCH):
        batch = volunteers[start : start + BATCH]
        skills, slots = read_details([v.id for v in batch])
        for v in batch:
            row = _row(v, skills.get(v.id, ()), slots.get(v.id, ()), words, full)
            yield [spreadsheet.safe_text(cell) for cell in row]
