"""Plain input records for matching; the caller builds them from the database.

Everything here is frozen and free of Flask and SQLAlchemy so that scoring and
solving can be tested, and reasoned about, on their own.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

STATUSES = ("pending", "active", "inactive", "withdrawn")
# Ordered from lowest to highest; the position is the level's rank.
LEVELS = ("interested", "experienced", "certified")
PARTS = ("morning", "afternoon", "evening")
ParamValue = int | float | str


def level_rank(level: str) -> int:
    """Position of `level` in LEVELS; ValueError for an unknown level."""
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown level {level!r}") from None


def _require_aware(name: str, moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


@dataclass(frozen=True)
class Reason:
    """Why a score went up or down, or why a pairing is ruled out.

    `code` is a stable identifier that the web layer translates; the params are
    numbers (or codes from LEVELS) to fill into the translated sentence.
    Scoring reasons always carry ``points``, the signed contribution to the score.
    """

    code: str
    message_params: Mapping[str, ParamValue] = field(default_factory=dict)

    @property
    def points(self) -> float:
        return float(self.message_params.get("points", 0.0))


@dataclass(frozen=True)
class SkillClaim:
    """A volunteer's level in one specialty.

    `certificate_expiry` only matters for a ``certified`` claim; None there means
    the certificate does not expire. Raises ValueError for an unknown level.
    """

    level: str
    certificate_expiry: date | None = None

    def __post_init__(self) -> None:
        level_rank(self.level)

    def certificate_valid_on(self, day: date) -> bool:
        """True for a certified claim whose certificate has not expired by `day`."""
        if self.level != "certified":
            return False
        return self.certificate_expiry is None or self.certificate_expiry >= day


@dataclass(frozen=True)
class Candidate:
    """A volunteer as the matcher sees them.

    `availability` holds (weekday 0=Monday..6, part) pairs with part from PARTS.
    `hours_by_month` maps (year, month) to hours already served or booked there,
    and `booked` lists the (start, end) of shifts they already hold; both must
    already include any assignment passed to the solver as `existing`.
    Raises ValueError for an unknown status, a bad availability entry or a
    booking that does not end after it starts.
    """

    volunteer_id: int
    status: str = "active"
    district: str | None = None
    is_core: bool = False
    specialties: Mapping[str, SkillClaim] = field(default_factory=dict)
    availability: frozenset[tuple[int, str]] = frozenset()
    max_hours_per_month: float | None = None
    hours_by_month: Mapping[tuple[int, int], float] = field(default_factory=dict)
    recent_hours: float = 0.0
    attended_count: int = 0
    no_show_count: int = 0
    booked: tuple[tuple[datetime, datetime], ...] = ()
    date_exceptions: Mapping[tuple[date, str | None], bool] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        for weekday, part in self.availability:
            if weekday not in range(7) or part not in PARTS:
                raise ValueError(f"bad availability entry {(weekday, part)!r}")
        for start, end in self.booked:
            if not start < end:
                raise ValueError(f"booking must end after it starts: {start}")
        for day, part in self.date_exceptions:
            if not isinstance(day, date) or part not in (*PARTS, None):
                raise ValueError(f"bad date exception {(day, part)!r}")

    def exception_on(self, day: date, part: str) -> bool | None:
        """The dated override for ``part`` of ``day`` (part first, then the
        whole day), or None when the weekly pattern applies."""
        if not self.date_exceptions:
            return None
        found = self.date_exceptions.get((day, part))
        return self.date_exceptions.get((day, None)) if found is None else found

    def hours_in_month(self, year: int, month: int) -> float:
        return float(self.hours_by_month.get((year, month), 0.0))


@dataclass(frozen=True)
class ShiftSpec:
    """One shift to staff, with local, timezone-aware start and end.

    Raises ValueError when a time is naive, the shift does not end after it
    starts, `slots` is below 1, `min_level` is unknown, or a level or
    certificate is required without a `specialty_code`.
    """

    shift_id: int
    start: datetime
    end: datetime
    district: str | None = None
    specialty_code: str | None = None
    min_level: str | None = None
    requires_certificate: bool = False
    slots: int = 1

    def __post_init__(self) -> None:
        _require_aware("start", self.start)
        _require_aware("end", self.end)
        if not self.start < self.end:
            raise ValueError(f"shift {self.shift_id} must end after it starts")
        if self.slots < 1:
            raise ValueError(f"shift {self.shift_id} needs at least one slot")
        if self.min_level is not None:
            level_rank(self.min_level)
        needs_specialty = self.min_level is not None or self.requires_certificate
        if needs_specialty and self.specialty_code is None:
            raise ValueError(f"shift {self.shift_id}: a level needs a specialty")

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def month(self) -> tuple[int, int]:
        """(year, month) of the local start, the month whose cap the shift uses."""
        return self.start.year, self.start.month


@dataclass(frozen=True)
class Weights:
    """Most points each factor can add (or, for penalties, take away).

    With the defaults a perfect match scores 100. README.md in this package
    explains how each factor is scaled. Raises ValueError for a negative,
    non-finite or non-numeric weight.
    """

    specialty: float = 30.0
    certificate: float = 10.0
    availability: float = 20.0
    district: float = 10.0
    core: float = 5.0
    load: float = 15.0
    attendance: float = 10.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"weight {item.name!r} must be a number")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"weight {item.name!r} must be finite and >= 0")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Weights":
        """Weights from an admin-edited mapping; missing keys keep their default.

        Raises ValueError for an unknown key or an invalid value.
        """
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown weight(s): {', '.join(map(str, unknown))}")
        return cls(**values)
