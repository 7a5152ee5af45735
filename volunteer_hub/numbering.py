"""Gapless document numbers (receipts, certificates), safe under concurrency.

A number is taken by one ``UPDATE … SET next_number = next_number + 1 … RETURNING``
in the caller's transaction. On PostgreSQL the row lock makes concurrent issuers wait
in turn; on SQLite the UPDATE takes the database write lock (the busy timeout makes
others wait). If the caller's transaction rolls back, so does the counter, so numbers
have no gaps and no duplicates.
"""

from __future__ import annotations

import re
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, case, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db

# {year}, {seq} and {seq:06} (zero-padded to 6) are the only placeholders.
_PLACEHOLDER = re.compile(r"\{(year|seq)(?::0?(\d))?\}")
_ALLOWED_LITERAL = re.compile(r"^[A-Za-z0-9\-_/.#\u4e00-\u9fff]*$")


class NumberSeries(db.Model):
    """One numbering sequence, e.g. receipts ``KF-{year}-{seq:06}``.

    With ``{year}`` in the pattern the sequence starts again at 1 each year.
    """

    __tablename__ = "number_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    pattern: Mapped[str] = mapped_column(String(64))
    yearly: Mapped[bool] = mapped_column(default=False)
    current_year: Mapped[int] = mapped_column(default=0)
    next_number: Mapped[int] = mapped_column(default=1)


def validate_pattern(pattern: str) -> str:
    """Return ``pattern`` if it has exactly one {seq} and only known placeholders.

    Raises DomainError naming the problem.
    """
    pattern = (pattern or "").strip()
    if not pattern or len(pattern) > 64:
        raise DomainError(_l("Enter a pattern of at most 64 characters."), "pattern")
    names = [m.group(1) for m in _PLACEHOLDER.finditer(pattern)]
    if names.count("seq") != 1:
        raise DomainError(_l("The pattern needs exactly one {seq}."), "pattern")
    literal = _PLACEHOLDER.sub("", pattern)
    if "{" in literal or "}" in literal or not _ALLOWED_LITERAL.match(literal):
        raise DomainError(
            _l("Use only letters, digits, - _ / . # and the placeholders."), "pattern"
        )
    return pattern


def format_number(pattern: str, year: int, seq: int) -> str:
    def replace(match):
        value = year if match.group(1) == "year" else seq
        width = int(match.group(2) or 0)
        return str(value).zfill(width)

    return _PLACEHOLDER.sub(replace, pattern)


def ensure_series(code: str, default_pattern: str) -> NumberSeries:
    """The series ``code``, created with ``default_pattern`` on first use."""
    series = db.session.scalar(select(NumberSeries).where(NumberSeries.code == code))
    if series is not None:
        return series
    pattern = validate_pattern(default_pattern)
    try:
        # A savepoint: if another process created the row first, use theirs.
        with db.session.begin_nested():
            series = NumberSeries(code=code, pattern=pattern, yearly="{year" in pattern)
            db.session.add(series)
    except IntegrityError:
        series = db.session.scalar(
            select(NumberSeries).where(NumberSeries.code == code)
        )
    return series


def allocate_number(code: str, default_pattern: str, *, at: datetime | None = None):
    """Take the next number of series ``code``; returns ``(seq, formatted)``.

    Must run inside the transaction that stores the numbered document, so that a
    rollback gives the number back. A yearly series restarts only when ``at``
    lies in a later year than the series; an earlier ``at`` goes on counting in
    the series' year, so a back-dated document can never repeat a number.
    """
    year = (at or clock.now()).year
    ensure_series(code, default_pattern)
    restart = NumberSeries.yearly & (NumberSeries.current_year < year)
    row = db.session.execute(
        update(NumberSeries)
        .where(NumberSeries.code == code)
        .values(
            next_number=case((restart, 2), else_=NumberSeries.next_number + 1),
            current_year=case(
                (restart, year),
                (NumberSeries.yearly, NumberSeries.current_year),
                else_=0,
            ),
        )
        .returning(
            NumberSeries.next_number, NumberSeries.pattern, NumberSeries.current_year
        )
    ).one()
    seq = row.next_number - 1
    return seq, format_number(row.pattern, row.current_year or year, seq)


def foresee_numbers(code: str, default_pattern: str, count: int, *, at: datetime):
    """The next ``count`` numbers :func:`allocate_number` would give if no one
    else took any first, as ``[(seq, formatted), …]``; takes nothing, locks
    nothing, writes nothing.

    For work that is slow to do with a number (rendering a batch of PDFs) and
    must not hold the series while it runs: do it with the numbers foreseen,
    then allocate for real and redo the few that came out different.
    """
    year = at.year
    # Columns, not the ORM object: it may hold values from before an UPDATE.
    series = db.session.execute(
        select(
            NumberSeries.pattern,
            NumberSeries.yearly,
            NumberSeries.current_year,
            NumberSeries.next_number,
        ).where(NumberSeries.code == code)
    ).first()
    if series is None:
        pattern, first, numbered_year = default_pattern, 1, year
    else:
        pattern = series.pattern
        restart = series.yearly and series.current_year < year
        first = 1 if restart else series.next_number
        numbered_year = series.current_year if series.yearly and not restart else 0
    return [
        (seq, format_number(pattern, numbered_year or year, seq))
        for seq in range(first, first + count)
    ]


def change_pattern(code: str, pattern: str, default_pattern: str) -> NumberSeries:
    """Use ``pattern`` for future numbers of series ``code`` (audited)."""
    pattern = validate_pattern(pattern)
    series = ensure_series(code, default_pattern)
    before = series.pattern
    series.pattern = pattern
    if "{year" in pattern and not series.yearly:
        # Go on counting this year; the restart comes with the next year.
        series.current_year = clock.now().year
    series.yearly = "{year" in pattern
    record(
        "series.pattern", series, before={"pattern": before}, after={"pattern": pattern}
    )
    return series
