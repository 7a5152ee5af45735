"""Report periods in the organisation's time zone, and SQL to bucket by day or month.

Timestamps are stored in UTC. A period of local dates becomes a half-open UTC
range (exact also across daylight-saving changes); grouping by local day or month
shifts the timestamp by the zone's UTC offset at the start of the period, which
is exact for zones without daylight saving (China) and off by at most an hour
around a change elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import String, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

# The longest period a report covers; longer requests are refused by the form.
MAX_DAYS = 366 * 5 + 1
# Intake over time is charted per day up to this many days, per month beyond.
MAX_DAILY_BUCKETS = 92


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Period:
    """Local dates ``start`` … ``end`` (both included); either may be open."""

    start: date | None = None
    end: date | None = None
    tz: ZoneInfo = ZoneInfo("Asia/Shanghai")

    @classmethod
    def year(cls, year: int, tz: ZoneInfo) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), tz)

    def _utc(self, day: date) -> datetime:
        return datetime.combine(day, time(0), self.tz).astimezone(UTC)

    @property
    def utc_start(self) -> datetime | None:
        return self._utc(self.start) if self.start else None

    @property
    def utc_end(self) -> datetime | None:
        """The first instant after the period (exclusive bound)."""
        return self._utc(self.end + timedelta(days=1)) if self.end else None

    def offset_minutes(self) -> int:
        moment = self.utc_start or datetime.now(UTC)
        offset = moment.astimezone(self.tz).utcoffset() or timedelta(0)
        return int(offset.total_seconds() // 60)

    def timestamp_filter(self, column) -> list:
        """Conditions keeping ``column`` (a UTC timestamp) inside the period."""
        conditions = []
        if self.start:
            conditions.append(column >= self.utc_start)
        if self.end:
            conditions.append(column < self.utc_end)
        return conditions

    def date_filter(self, column) -> list:
        """Conditions keeping ``column`` (a local date) inside the period."""
        conditions = []
        if self.start:
            conditions.append(column >= self.start)
        if self.end:
            conditions.append(column <= self.end)
        return conditions

    def text(self) -> str:
        if self.start and self.end:
            return f"{self.start.isoformat()} – {self.end.isoformat()}"
        if self.start:
            return f"{self.start.isoformat()} –"
        if self.end:
            return f"– {self.end.isoformat()}"
        return ""


class bucket(FunctionElement):
    """``bucket(column, 'day'|'month', minutes)``: the local day ("2026-07-01") or
    month ("2026-07") of a UTC timestamp or a date, as text, on SQLite and
    PostgreSQL."""

    type = String()
    inherit_cache = True
    name = "bucket"

    def __init__(self, column, unit: str, minutes: int = 0):
        if unit not in ("day", "month"):
            raise ValueError("unit must be 'day' or 'month'")
        # Unit and offset are clauses (not attributes) so that they are part of
        # the statement cache key.
        super().__init__(
            column, literal_column(f"'{unit}'"), literal_column(str(int(minutes)))
        )


def _parts(element, compiler, **kw) -> tuple[str, str, int]:
    column, unit, minutes = list(element.clauses)
    return compiler.process(column, **kw), unit.name.strip("'"), int(minutes.name)


@compiles(bucket, "sqlite")
def _bucket_sqlite(element, compiler, **kw):
    column, unit, minutes = _parts(element, compiler, **kw)
    pattern = "%Y-%m-%d" if unit == "day" else "%Y-%m"
    return f"strftime('{pattern}', {column}, '{minutes:+d} minutes')"


@compiles(bucket, "postgresql")
def _bucket_postgresql(element, compiler, **kw):
    column, unit, minutes = _parts(element, compiler, **kw)
    pattern = "YYYY-MM-DD" if unit == "day" else "YYYY-MM"
    shifted = f"(CAST({column} AS TIMESTAMP) + INTERVAL '{minutes} minutes')"
    return f"to_char({shifted}, '{pattern}')"


def day_keys(first: date, last: date) -> list[str]:
    """Every day from ``first`` to ``last`` as "YYYY-MM-DD"."""
    days = (last - first).days
    return [(first + timedelta(days=n)).isoformat() for n in range(days + 1)]


def month_keys(first: date, last: date) -> list[str]:
    """Every month from ``first``'s to ``last``'s as "YYYY-MM"."""
    keys, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys
