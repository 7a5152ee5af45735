"""The roster: one filter, used by the list page, the CSV export
(:mod:`.export`) and the benchmark."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import bindparam, exists, func, or_, select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id, parse_number
from volunteer_hub.matching.model import LEVELS, PARTS, STATUSES
from volunteer_hub.volunteers.models import (
    AvailabilitySlot,
    Volunteer,
    VolunteerSpecialty,
)
from volunteer_hub.volunteers.roster.rows import detail_columns


@dataclass(frozen=True)
class RosterFilter:
    """What a coordinator filters by; empty values mean "any"."""

    q: str = ""
    specialty_id: int | None = None
    level: str = ""
    weekday: int | None = None
    part: str = ""
    district: str = ""
    status: str = ""
    core: str = ""
    expiring_days: int | None = None

    @classmethod
    def from_args(cls, args) -> RosterFilter:
        """Build from query-string values, ignoring anything malformed."""

        def number(name, limit):
            return parse_number(args.get(name), maximum=limit)

        def text(name):
            # NUL cannot go into a PostgreSQL string; other controls are harmless.
            return (args.get(name) or "").replace("\x00", "").strip()[:100]

        level = args.get("level", "")
        part = args.get("part", "")
        status = args.get("status", "")
        return cls(
            q=text("q"),
            specialty_id=parse_id(args.get("specialty")),
            level=level if level in LEVELS else "",
            weekday=number("weekday", 6),
            part=part if part in PARTS else "",
            district=text("district"),
            status=status if status in STATUSES else "",
            core=args.get("core") if args.get("core") in ("yes", "no") else "",
            expiring_days=number("expiring", 3650),
        )


def _like(text: str) -> str:
    return "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"


def _search(q: str):
    digits = re.sub(r"\D", "", q)
    conditions = [Volunteer.name.ilike(_like(q), escape="\\")]
    if len(digits) >= 4:
        conditions.append(Volunteer.phone.like(_like(digits), escape="\\"))
    if parse_id(q):
        conditions.append(Volunteer.id == parse_id(q))
    return or_(*conditions)


def _specialty(f: RosterFilter):
    levels = LEVELS[LEVELS.index(f.level) :] if f.level else LEVELS
    return exists().where(
        VolunteerSpecialty.volunteer_id == Volunteer.id,
        VolunteerSpecialty.specialty_id == f.specialty_id,
        VolunteerSpecialty.level.in_(levels),
    )


def _slot(f: RosterFilter):
    conditions = [AvailabilitySlot.volunteer_id == Volunteer.id]
    if f.weekday is not None:
        conditions.append(AvailabilitySlot.weekday == f.weekday)
    if f.part:
        conditions.append(AvailabilitySlot.part == f.part)
    return exists().where(*conditions)


def _expiring(f: RosterFilter, today):
    conditions = [
        VolunteerSpecialty.volunteer_id == Volunteer.id,
        VolunteerSpecialty.level == "certified",
        VolunteerSpecialty.certificate_expiry.between(
            today, today + timedelta(days=f.expiring_days)
        ),
    ]
    if f.specialty_id is not None:
        conditions.append(VolunteerSpecialty.specialty_id == f.specialty_id)
    return exists().where(*conditions)


def _status(f: RosterFilter):
    if f.status:
        return Volunteer.status == f.status
    return Volunteer.status != "withdrawn"


def _other_conditions(f: RosterFilter, today) -> list:
    """What ``f`` asks of a volunteer besides the status."""
    conditions = []
    if f.q:
        conditions.append(_search(f.q))
    if f.district:
        conditions.append(Volunteer.district.ilike(_like(f.district), escape="\\"))
    if f.core:
        conditions.append(Volunteer.is_core.is_(f.core == "yes"))
    if f.specialty_id is not None:
        conditions.append(_specialty(f))
    if f.weekday is not None or f.part:
        conditions.append(_slot(f))
    if f.expiring_days is not None:
        conditions.append(_expiring(f, today))
    return conditions


def roster_statement(f: RosterFilter, today=None):
    """SELECT of the volunteers matching ``f``, newest first; certificates
    expire counting from ``today`` (default: the clock's)."""
    conditions = _other_conditions(f, today or clock.now().date())
    return (
        select(Volunteer).where(_status(f), *conditions).order_by(Volunteer.id.desc())
    )


class RosterPage(Pagination):
    """Flask-SQLAlchemy's pagination over plain rows read through the session's
    connection (50 volunteers as ORM objects cost more than their query), with
    ``status_counts``: how many volunteers meet the filter's other conditions,
    by status (the whole roster's counts when nothing else is asked).

    Those counts are one GROUP BY over the filter, and the page's total is
    their sum (or the chosen status's count): one pass over the roster, where
    a count of the matches and the roster's counts by status took two. (One
    query with ``count(*) OVER ()`` for the page and its total was tried: a
    filter that scans anyway gains 5 %, but the unfiltered roster's count is
    an index count, 20 times cheaper than a window over every row.)"""

    status_counts: dict[str, int]

    def _query_items(self) -> list:
        page = {"limit": self.per_page, "offset": self._query_offset}
        return db.session.connection().execute(self._query_args["select"], page).all()

    def _query_count(self) -> int:
        tally = db.session.connection().execute(self._query_args["tally"]).all()
        self.status_counts = counts = dict(tally)
        status = self._query_args["status"]
        if status:
            return counts.get(status, 0)
        return sum(n for each, n in counts.items() if each != "withdrawn")


@functools.lru_cache(maxsize=64)
def _page_statements(f: RosterFilter, today) -> tuple:
    """The page's SELECT (limit and offset as parameters) and its tally by
    status for ``f`` on ``today``, built once per filter: a statement is a
    tree of some forty parts, and building one and working out its cache key
    cost more than running it. Statements are immutable: threads share them."""
    conditions = _other_conditions(f, today)
    page = (
        select(
            Volunteer.id,
            Volunteer.name,
            Volunteer.phone,
            Volunteer.district,
            Volunteer.status,
            Volunteer.is_core,
            *detail_columns(),
        )
        .where(_status(f), *conditions)
        .order_by(Volunteer.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    tally = (
        select(Volunteer.status, func.count())
        .where(*conditions)
        .group_by(Volunteer.status)
    )
    return page, tally


def roster_page(f: RosterFilter, page: int, per_page: int) -> RosterPage:
    """The volunteers matching ``f`` on ``page`` as rows of what the list shows
    (id, name, phone, district, status, core, and skills and weekly times as
    ``rows.detail_columns`` writes them), past the end none; their number
    (``total``) and the counts by status of the volunteers meeting the rest
    of ``f`` (``status_counts``)."""
    # A search for a name or phone is built each time: it is rarely asked
    # twice, and what staff typed is not kept in the worker's memory.
    build = _page_statements.__wrapped__ if f.q else _page_statements
    select_page, tally = build(f, clock.now().date())
    return RosterPage(
        page=page,
        per_page=per_page,
        error_out=False,
        select=select_page,
        tally=tally,
        status=f.status,
    )
