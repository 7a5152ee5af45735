"""Database ids from URLs, query strings and forms, parsed in one place.

An id is a positive integer that fits the database's INTEGER column: 1 to
2**31 - 1. ``str.isdigit()`` is not enough to check one: it accepts ``²`` and
other digits ``int()`` refuses, and 23 ASCII digits overflow the column (SQLite
and PostgreSQL both raise), so every id a user can type goes through
:func:`parse_id` or :class:`IdConverter`.
"""

from __future__ import annotations

import re

from werkzeug.routing import BaseConverter, ValidationError

MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(raw, *, maximum: int = MAX_ID) -> int | None:
    """The positive integer spelled by ``raw`` (ASCII digits, surrounding blanks
    allowed), or None if it is anything else or above ``maximum``."""
    return _parse(raw, 1, maximum)


def parse_number(raw, *, maximum: int) -> int | None:
    """Like :func:`parse_id`, but 0 is allowed (a weekday, a number of days)."""
    return _parse(raw, 0, maximum)


def _parse(raw, minimum: int, maximum: int) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and _DIGITS.fullmatch(raw.strip()):
        value = int(raw.strip())
    else:
        return None
    return value if minimum <= value <= min(maximum, MAX_ID) else None


class IdConverter(BaseConverter):
    """``<int:...>`` in this application: a database id, 1 to 2**31 - 1.

    Werkzeug's own integer converter matches any Unicode decimal digit and has
    no upper bound; an id outside the column's range would reach the database
    and fail there, so such a URL answers 404 instead.
    """

    regex = r"[0-9]{1,10}"
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError()
        return number

    def to_url(self, value) -> str:
        return str(int(value))
