"""Many candidates at once, held column by column and scored in bulk.

Scoring ten thousand volunteers one `Candidate` at a time costs tens of
microseconds each; the same rules over NumPy columns cost well under one. A
`CandidatePool` gives exactly the scores and eligibility of `score_candidate`
(`tests/test_matching_pool.py` compares them on random pools) and builds a
`Candidate`, and so the reasons, only for the volunteers someone looks at.
Volunteers with dated availability exceptions, which are rare, are scored one by
one with `score_candidate` itself.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from volunteer_hub.lazy import LazyModule
from volunteer_hub.matching.model import (
    LEVELS,
    PARTS,
    Candidate,
    ShiftSpec,
    SkillClaim,
    Weights,
)
from volunteer_hub.matching.scoring import (
    HOURS_TOLERANCE,
    MIN_ATTENDANCE_RECORD,
    NEUTRAL_NO_SHOW_RATE,
    ScoringContext,
    dated_parts,
    intervals_overlap,
    score_candidate,
)

np = LazyModule("numpy")

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
# Each weekly (weekday, part) slot is one bit of an availability mask.
SLOT_BIT = {
    (day, part): 3 * day + index for day in range(7) for index, part in enumerate(PARTS)
}


def availability_mask(slots: Iterable[tuple[int, str]]) -> int:
    return sum(1 << SLOT_BIT[slot] for slot in set(slots))


@functools.lru_cache(maxsize=8192)
def slots_of_mask(mask: int) -> frozenset[tuple[int, str]]:
    return frozenset(slot for slot, bit in SLOT_BIT.items() if mask >> bit & 1)


def round_cents(values) -> np.ndarray:
    """``round(value, 2)`` of each value, by Python's own (correctly rounded)
    ``round``, so that the columns agree with `score_candidate` to the bit."""
    unique, inverse = np.unique(values, return_inverse=True)
    rounded = np.array([round(value, 2) for value in unique.tolist()], dtype=float)
    return rounded[inverse].reshape(np.shape(values))


@dataclass(frozen=True)
class PoolScores:
    """Score and eligibility per pool row for one shift."""

    scores: np.ndarray
    eligible: np.ndarray


@dataclass(frozen=True)
class CandidatePool:
    """Candidates as columns, one row per volunteer, ordered by volunteer id.

    The sparse facts (held bookings, hours per month, dated exceptions) map a
    row number to what `Candidate` holds. Skills are one row per claim:
    ``skill_rows`` (pool row), ``skill_codes``, ``skill_levels`` (rank in
    LEVELS) and ``skill_expiry``. Build one with `from_rows`.
    """

    ids: np.ndarray
    statuses: np.ndarray
    districts: np.ndarray
    is_core: np.ndarray
    max_hours: np.ndarray  # NaN where there is no cap
    recent_hours: np.ndarray
    attended: np.ndarray
    no_shows: np.ndarray
    availability: np.ndarray  # bit SLOT_BIT[(weekday, part)] set when offered
    skill_rows: np.ndarray
    skill_codes: np.ndarray
    skill_levels: np.ndarray
    skill_expiry: np.ndarray
    hours_by_month: Mapping[int, Mapping[tuple[int, int], float]] = field(
        default_factory=dict
    )
    booked: Mapping[int, Sequence[tuple[datetime, datetime]]] = field(
        default_factory=dict
    )
    date_exceptions: Mapping[int, Mapping[tuple[date, str | None], bool]] = field(
        default_factory=dict
    )

    @classmethod
    def from_rows(
        cls,
        people: Sequence[tuple[int, str, str | None, bool, float | None]],
        *,
        skills: Sequence[tuple[int, str, str, date | None]] = (),
        availability: Mapping[int, int] | None = None,
        recent_hours: Mapping[int, float] | None = None,
        attendance: Mapping[int, Mapping[str, int]] | None = None,
        hours_by_month: Mapping[int, Mapping[tuple[int, int], float]] | None = None,
        booked: Mapping[int, Sequence[tuple[datetime, datetime]]] | None = None,
        date_exceptions: Mapping[int, Mapping] | None = None,
    ) -> CandidatePool:
        """A pool from ``(id, status, district, is_core, max_hours)`` rows; the
        other facts are keyed by volunteer id (``availability`` as masks, see
        `availability_mask`; ``skills`` as ``(id, code, level, expiry)`` rows).
        Raises ValueError for a repeated id or an unknown level."""
        columns = _columns(people, 5)
        ids = np.array(columns[0], dtype=np.int64)
        order = _sorting(ids)
        if order is not None:  # the adapter's rows come sorted already
            ids = ids[order]
            columns = [[column[k] for k in order.tolist()] for column in columns]
        if len(ids) and (np.diff(ids) == 0).any():
            raise ValueError("duplicate volunteer id(s) in the pool")
        attendance = attendance or {}

        def attendance_of(status):
            counts = {vid: seen.get(status, 0) for vid, seen in attendance.items()}
            return _by_id(ids, counts, 0, np.int64)

        return cls(
            ids=ids,
            statuses=np.array(columns[1], dtype=object),
            districts=np.array([d or None for d in columns[2]], dtype=object),
            is_core=np.array(columns[3], dtype=bool),
            max_hours=np.array(
                [math.nan if cap is None else cap for cap in columns[4]], dtype=float
            ),
            recent_hours=_by_id(ids, recent_hours, 0.0, float),
            attended=attendance_of("attended"),
            no_shows=attendance_of("no_show"),
            availability=_by_id(ids, availability, 0, np.int64),
            **_skill_columns(ids, skills),
            hours_by_month=_by_row(ids, hours_by_month),
            booked=_by_row(ids, booked),
            date_exceptions={
                row: found
                for row, found in _by_row(ids, date_exceptions).items()
                if found
            },
        )

    @classmethod
    def from_candidates(cls, candidates: Iterable[Candidate]) -> CandidatePool:
        """The pool holding exactly these candidates (ValueError on a repeated id)."""
        candidates = list(candidates)
        return cls.from_rows(
            [
                (c.volunteer_id, c.status, c.district, c.is_core, c.max_hours_per_month)
                for c in candidates
            ],
            skills=[
                (c.volunteer_id, code, claim.level, claim.certificate_expiry)
                for c in candidates
                for code, claim in c.specialties.items()
            ],
            availability={
                c.volunteer_id: availability_mask(c.availability) for c in candidates
            },
            recent_hours={c.volunteer_id: c.recent_hours for c in candidates},
            attendance={
                c.volunteer_id: {
                    "attended": c.attended_count,
                    "no_show": c.no_show_count,
                }
                for c in candidates
            },
            hours_by_month={c.volunteer_id: c.hours_by_month for c in candidates},
            booked={c.volunteer_id: c.booked for c in candidates if c.booked},
            date_exceptions={c.volunteer_id: c.date_exceptions for c in candidates},
        )

    def __len__(self) -> int:
        return len(self.ids)

    def row_of(self, volunteer_id: int) -> int | None:
        row = int(np.searchsorted(self.ids, volunteer_id))
        found = row < len(self.ids) and self.ids[row] == volunteer_id
        return row if found else None

    def candidate(self, row: int) -> Candidate:
        """The `Candidate` record of pool row ``row``."""
        first, end = np.searchsorted(self.skill_rows, [row, row + 1]).tolist()
        claims = range(first, end)
        return Candidate(
            volunteer_id=int(self.ids[row]),
            status=self.statuses[row],
            district=self.districts[row],
            is_core=bool(self.is_core[row]),
            specialties={
                self.skill_codes[k]: SkillClaim(
                    LEVELS[self.skill_levels[k]], self.skill_expiry[k]
                )
                for k in claims
            },
            availability=slots_of_mask(int(self.availability[row])),
            max_hours_per_month=_cap(self.max_hours[row]),
            hours_by_month=dict(self.hours_by_month.get(row, {})),
            recent_hours=float(self.recent_hours[row]),
            attended_count=int(self.attended[row]),
            no_show_count=int(self.no_shows[row]),
            booked=tuple(self.booked.get(row, ())),
            date_exceptions=dict(self.date_exceptions.get(row, {})),
        )

    def candidates(self) -> list[Candidate]:
        return [self.candidate(row) for row in range(len(self))]

    def context(self, *, without_status: str | None = None) -> ScoringContext:
        """The scoring context of every row, or of those without a status."""
        hours = self.recent_hours
        if without_status is not None:
            hours = hours[self.statuses != without_status]
        # np.median takes the same middle value, or the same (a + b) / 2, as
        # statistics.median does in ScoringContext.from_candidates.
        return ScoringContext(float(np.median(hours)) if len(hours) else 0.0)

    def score(
        self, shift: ShiftSpec, weights: Weights, *, context: ScoringContext
    ) -> PoolScores:
        """Every row's `score_candidate(...).score` and eligibility for ``shift``."""
        level, valid = self._claims(shift.specialty_code or "", shift.start.date())
        parts = (
            _specialty_points(level, valid, weights),
            self._availability_points(shift, weights),
            self._profile_points(shift, weights),
            self._load_points(weights, context),
            self._attendance_points(weights),
        )
        total = parts[0]
        for points in parts[1:]:
            total = total + points
        scores = round_cents(total)
        eligible = self._eligible(shift, level, valid)
        for row in self.date_exceptions:  # rare: score them the reference way
            exact = score_candidate(
                self.candidate(row), shift, weights, context=context
            )
            scores[row], eligible[row] = exact.score, exact.eligible
        return PoolScores(scores, eligible)

    def _claims(self, code: str, day: date):
        """Each row's level rank in ``code`` (-1 without a claim) and whether it
        holds a certificate valid on ``day``."""
        level = np.full(len(self), -1, dtype=np.int64)
        valid = np.zeros(len(self), dtype=bool)
        claims = np.flatnonzero(self.skill_codes == code)
        rows = self.skill_rows[claims]
        level[rows] = self.skill_levels[claims]
        certified = self.skill_levels[claims] == LEVEL_RANK["certified"]
        valid[rows[certified]] = [
            expiry is None or expiry >= day
            for expiry in self.skill_expiry[claims[certified]].tolist()
        ]
        return level, valid

    def _availability_points(self, shift: ShiftSpec, weights: Weights):
        dated = dated_parts(shift.start, shift.end)
        covered = np.zeros(len(self), dtype=np.int64)
        for day, part in dated:
            covered += self.availability >> SLOT_BIT[(day.weekday(), part)] & 1
        table = [
            _points(weights.availability, -1 if n == 0 else n / len(dated))
            for n in range(len(dated) + 1)
        ]
        points = np.array(table, dtype=float)[covered]
        # Never filled in: neither a match nor a mismatch.
        return np.where(self.availability == 0, 0.0, points)

    def _profile_points(self, shift: ShiftSpec, weights: Weights):
        points = np.where(self.is_core, _points(weights.core, 1), 0.0)
        if shift.district is None:
            return points
        same = self.districts == shift.district
        return np.where(same, _points(weights.district, 1), 0.0) + points

    def _load_points(self, weights: Weights, context: ScoringContext):
        median = context.median_recent_hours
        share = (median - self.recent_hours) / max(median, 1.0)
        return round_cents(weights.load * np.clip(share, -1.0, 1.0))

    def _attendance_points(self, weights: Weights):
        record = self.attended + self.no_shows
        counted = record >= MIN_ATTENDANCE_RECORD
        rate = self.no_shows / np.where(counted, record, 1)
        share = np.clip(1 - rate / NEUTRAL_NO_SHOW_RATE, -1.0, 1.0)
        return np.where(counted, round_cents(weights.attendance * share), 0.0)

    def _eligible(self, shift: ShiftSpec, level, valid):
        eligible = self.statuses == "active"
        used = np.zeros(len(self), dtype=float)
        for row, months in self.hours_by_month.items():
            used[row] = float(months.get(shift.month, 0.0))
        with np.errstate(invalid="ignore"):
            eligible &= ~(used + shift.hours > self.max_hours + HOURS_TOLERANCE)
        interval = (shift.start, shift.end)
        for row, held in self.booked.items():
            if any(intervals_overlap(interval, other) for other in held):
                eligible[row] = False
        if shift.specialty_code is not None:
            eligible &= level >= 0
            if shift.min_level is not None:
                eligible &= level >= LEVEL_RANK[shift.min_level]
            if shift.requires_certificate:
                eligible &= valid
        return eligible


def _columns(rows: Sequence[Sequence], count: int) -> list[list]:
    # Not zip(*rows): unpacking ten thousand database rows as arguments costs
    # forty times as much as reading each column once.
    return [[row[index] for row in rows] for index in range(count)]


def _sorting(ids: np.ndarray) -> np.ndarray | None:
    """The order that sorts ``ids`` (stably), or None when they are sorted."""
    if len(ids) < 2 or bool((ids[1:] >= ids[:-1]).all()):
        return None
    return np.argsort(ids, kind="stable")


def _rows_of(ids: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pool rows of the volunteer ids ``keys``, and which of them are in it."""
    rows = np.searchsorted(ids, keys)
    known = rows < len(ids)
    known[known] = ids[rows[known]] == keys[known]
    return rows, known


def _by_id(ids: np.ndarray, values: Mapping | None, default, dtype):
    """A column of ``values`` (keyed by volunteer id) in pool row order."""
    column = np.full(len(ids), default, dtype=dtype)
    if values:
        keys = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
        found = np.fromiter(values.values(), dtype=dtype, count=len(values))
        rows, known = _rows_of(ids, keys)
        column[rows[known]] = found[known]
    return column


def _by_row(ids: np.ndarray, values: Mapping | None) -> dict:
    """``values`` keyed by pool row instead of volunteer id; others dropped."""
    if not values:
        return {}
    keys = list(values)
    rows, known = _rows_of(ids, np.array(keys, dtype=np.int64))
    return {
        row: values[key]
        for key, row, there in zip(keys, rows.tolist(), known.tolist(), strict=True)
        if there
    }


def _skill_columns(ids, skills: Sequence[tuple]) -> dict:
    """The skill columns of `CandidatePool`, sorted by pool row so that one
    row's claims are a slice; claims of people not in ``ids`` are dropped."""
    people, codes, levels, expiry = _columns(skills, 4)
    try:
        ranks = np.array([LEVEL_RANK[level] for level in levels], dtype=np.int64)
    except KeyError as error:
        raise ValueError(f"unknown level {error.args[0]!r}") from None
    rows, known = _rows_of(ids, np.array(people, dtype=np.int64))
    order = np.flatnonzero(known)[np.argsort(rows[known], kind="stable")]
    return {
        "skill_rows": rows[order],
        "skill_codes": np.array(codes, dtype=object)[order],
        "skill_levels": ranks[order],
        "skill_expiry": np.array(expiry, dtype=object)[order],
    }


def _cap(value: float) -> float | None:
    if math.isnan(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _points(weight: float, share: float) -> float:
    return round(weight * share, 2)


def _specialty_points(level, valid, weights: Weights):
    """Level points (a third of the weight per level) and, for certified
    claims, the certificate's bonus or penalty."""
    table = [0.0] + [_points(weights.specialty, (rank + 1) / 3) for rank in range(3)]
    points = np.array(table, dtype=float)[level + 1]
    certificate = np.where(
        valid, _points(weights.certificate, 1), _points(weights.certificate, -1)
    )
    certified = level == LEVEL_RANK["certified"]
    return points + np.where(certified, certificate, 0.0)
