"""Hard eligibility rules and an explainable score for one volunteer and shift.

Nothing here produces prose: every outcome is a `Reason` code with numeric
params, translated by the web layer.
"""

import functools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from volunteer_hub.matching.model import (
    Candidate,
    Reason,
    ShiftSpec,
    Weights,
    level_rank,
)

# Each part of the day as [first hour, end hour) of local wall-clock time.
PART_HOURS = (("morning", 0, 12), ("afternoon", 12, 18), ("evening", 18, 24))
# Volunteers with fewer recorded shifts than this get no attendance reason.
MIN_ATTENDANCE_RECORD = 3
# The no-show rate at which attendance stops helping and starts to cost points.
NEUTRAL_NO_SHOW_RATE = 0.2
# Slack for float sums of hours, so that exactly reaching a cap is allowed.
HOURS_TOLERANCE = 1e-9


@dataclass(frozen=True)
class ScoringContext:
    """Facts about the whole candidate pool that one volunteer is compared with."""

    median_recent_hours: float = 0.0

    @classmethod
    def from_candidates(cls, candidates: Iterable[Candidate]) -> "ScoringContext":
        hours = [candidate.recent_hours for candidate in candidates]
        return cls(median_recent_hours=statistics.median(hours) if hours else 0.0)


@dataclass(frozen=True)
class ScoredCandidate:
    """A volunteer's score for one shift, the reasons behind it, and any blockers.

    `score` is the sum of the reasons' points; it is computed for ineligible
    volunteers too, so coordinators can see how close they were.
    """

    volunteer_id: int
    score: float
    reasons: tuple[Reason, ...]
    eligible: bool
    blockers: tuple[Reason, ...]


def intervals_overlap(
    a: tuple[datetime, datetime], b: tuple[datetime, datetime]
) -> bool:
    """[a0, a1) and [b0, b1) share time; back-to-back intervals do not."""
    return a[0] < b[1] and b[0] < a[1]


def check_eligibility(
    candidate: Candidate, shift: ShiftSpec, *, on_date: date | None = None
) -> list[Reason]:
    """Every hard rule the pairing breaks, in a fixed order; empty if eligible.

    `on_date` is the day a required certificate must still be valid on; it
    defaults to the shift's local start date.
    """
    on_date = on_date or shift.start.date()
    blockers = []
    if candidate.status != "active":
        blockers.append(Reason(f"status_{candidate.status}"))
    blockers.extend(_booking_blockers(candidate, shift))
    blockers.extend(_specialty_blockers(candidate, shift, on_date))
    return blockers


def _booking_blockers(candidate: Candidate, shift: ShiftSpec) -> list[Reason]:
    blockers = []
    interval = (shift.start, shift.end)
    clashes = sum(intervals_overlap(interval, held) for held in candidate.booked)
    if clashes:
        blockers.append(Reason("overlapping_booking", {"count": clashes}))
    cap = candidate.max_hours_per_month
    used = candidate.hours_in_month(*shift.month)
    if cap is not None and used + shift.hours > cap + HOURS_TOLERANCE:
        params = {
            "hours_booked": used,
            "shift_hours": shift.hours,
            "max_hours": cap,
            "year": shift.month[0],
            "month": shift.month[1],
        }
        blockers.append(Reason("over_monthly_max", params))
    return blockers


def _specialty_blockers(
    candidate: Candidate, shift: ShiftSpec, on_date: date
) -> list[Reason]:
    if shift.specialty_code is None:
        return []
    claim = candidate.specialties.get(shift.specialty_code)
    if claim is None:
        return [Reason("no_specialty")]
    blockers = []
    if shift.min_level and level_rank(claim.level) < level_rank(shift.min_level):
        params = {"level": claim.level, "min_level": shift.min_level}
        blockers.append(Reason("level_too_low", params))
    if shift.requires_certificate and not claim.certificate_valid_on(on_date):
        if claim.level != "certified":
            blockers.append(Reason("certificate_missing"))
        else:
            days = (on_date - claim.certificate_expiry).days
            blockers.append(Reason("certificate_expired", {"days_expired": days}))
    return blockers


def score_candidate(
    candidate: Candidate,
    shift: ShiftSpec,
    weights: Weights,
    *,
    context: ScoringContext,
) -> ScoredCandidate:
    """Score one volunteer for one shift, with reasons and hard-rule blockers."""
    parts = (
        _specialty_reasons(candidate, shift, weights),
        _availability_reasons(candidate, shift, weights),
        _profile_reasons(candidate, shift, weights),
        _load_reasons(candidate, weights, context),
        _attendance_reasons(candidate, weights),
    )
    reasons = tuple(reason for part in parts for reason in part if reason.points)
    blockers = tuple(check_eligibility(candidate, shift))
    return ScoredCandidate(
        volunteer_id=candidate.volunteer_id,
        score=round(sum(reason.points for reason in reasons), 2),
        reasons=reasons,
        eligible=not blockers,
        blockers=blockers,
    )


def _points(weight: float, share: float) -> float:
    return round(weight * share, 2)


def _specialty_reasons(
    candidate: Candidate, shift: ShiftSpec, weights: Weights
) -> list[Reason]:
    claim = candidate.specialties.get(shift.specialty_code or "")
    if claim is None:
        return []
    # interested earns a third of the weight, experienced two thirds, certified all.
    share = (level_rank(claim.level) + 1) / 3
    reasons = [
        Reason(f"level_{claim.level}", {"points": _points(weights.specialty, share)})
    ]
    if claim.level != "certified":
        return reasons
    day = shift.start.date()
    if claim.certificate_valid_on(day):
        reasons.append(
            Reason("certificate_valid", {"points": _points(weights.certificate, 1)})
        )
    else:
        params = {
            "points": _points(weights.certificate, -1),
            "days_expired": (day - claim.certificate_expiry).days,
        }
        reasons.append(Reason("certificate_expired", params))
    return reasons


def touched_parts(start: datetime, end: datetime) -> frozenset[tuple[int, str]]:
    """(weekday, part) pairs that [start, end) reaches into, on start's wall clock."""
    local_end = end.astimezone(start.tzinfo)
    return _touched_wall_parts(
        start.replace(tzinfo=None), local_end.replace(tzinfo=None)
    )


# Keyed on naive wall-clock times: aware datetimes at the same instant in two
# zones compare (and hash) equal, yet fall in different parts of the day.
@functools.lru_cache(maxsize=4096)
def _touched_wall_parts(start: datetime, end: datetime) -> frozenset[tuple[int, str]]:
    touched = set()
    # After eight days every (weekday, part) pair has been reached.
    last_day = min(end.date(), start.date() + timedelta(7))
    day = start.date()
    while day <= last_day:
        for part, first_hour, end_hour in PART_HOURS:
            part_start = datetime.combine(day, time(first_hour))
            part_end = part_start + timedelta(hours=end_hour - first_hour)
            if intervals_overlap((start, end), (part_start, part_end)):
                touched.add((day.weekday(), part))
        day += timedelta(1)
    return frozenset(touched)


def _availability_reasons(
    candidate: Candidate, shift: ShiftSpec, weights: Weights
) -> list[Reason]:
    if not candidate.availability and not candidate.date_exceptions:
        return []  # never filled in: neither a match nor a mismatch
    dated = dated_parts(shift.start, shift.end)
    overrides = [candidate.exception_on(day, part) for day, part in dated]
    if False in overrides:
        return [Reason("away_on_date", {"points": _points(weights.availability, -1)})]
    if not candidate.availability and not all(overrides):
        return []  # only dated extras given, none of them for this shift
    covered = sum(
        bool(override) or (day.weekday(), part) in candidate.availability
        for (day, part), override in zip(dated, overrides, strict=True)
    )
    if covered == len(dated):
        return [Reason("available", {"points": _points(weights.availability, 1)})]
    if covered == 0:
        return [Reason("not_available", {"points": _points(weights.availability, -1)})]
    params = {
        "points": _points(weights.availability, covered / len(dated)),
        "covered": covered,
        "needed": len(dated),
    }
    return [Reason("partly_available", params)]


def dated_parts(start: datetime, end: datetime) -> tuple[tuple[date, str], ...]:
    """(date, part) pairs that [start, end) reaches into, on start's wall clock,
    in time order (at most eight days' worth)."""
    local_end = end.astimezone(start.tzinfo)
    return _dated_wall_parts(start.replace(tzinfo=None), local_end.replace(tzinfo=None))


@functools.lru_cache(maxsize=4096)
def _dated_wall_parts(start: datetime, end: datetime) -> tuple[tuple[date, str], ...]:
    touched = []
    day, last_day = start.date(), min(end.date(), start.date() + timedelta(7))
    while day <= last_day:
        for part, first_hour, end_hour in PART_HOURS:
            part_start = datetime.combine(day, time(first_hour))
            part_end = part_start + timedelta(hours=end_hour - first_hour)
            if intervals_overlap((start, end), (part_start, part_end)):
                touched.append((day, part))
        day += timedelta(1)
    return tuple(touched)


def _profile_reasons(
    candidate: Candidate, shift: ShiftSpec, weights: Weights
) -> list[Reason]:
    reasons = []
    if shift.district is not None and candidate.district == shift.district:
        reasons.append(
            Reason("same_district", {"points": _points(weights.district, 1)})
        )
    if candidate.is_core:
        reasons.append(Reason("core", {"points": _points(weights.core, 1)}))
    return reasons


def _load_reasons(
    candidate: Candidate, weights: Weights, context: ScoringContext
) -> list[Reason]:
    median = context.median_recent_hours
    # Relative distance from the median, capped at one full weight either way;
    # the floor of one hour keeps a zero median from blowing the scale up.
    share = (median - candidate.recent_hours) / max(median, 1.0)
    share = max(-1.0, min(1.0, share))
    params = {
        "points": _points(weights.load, share),
        "hours": candidate.recent_hours,
        "median_hours": median,
    }
    return [Reason("load_low" if share > 0 else "load_high", params)]


def _attendance_reasons(candidate: Candidate, weights: Weights) -> list[Reason]:
    record = candidate.attended_count + candidate.no_show_count
    if record < MIN_ATTENDANCE_RECORD:
        return []
    rate = candidate.no_show_count / record
    share = max(-1.0, min(1.0, 1 - rate / NEUTRAL_NO_SHOW_RATE))
    params = {
        "points": _points(weights.attendance, share),
        "attended": candidate.attended_count,
        "no_shows": candidate.no_show_count,
    }
    return [Reason("attendance_good" if share > 0 else "attendance_poor", params)]


def rank_candidates(
    candidates: Sequence[Candidate], shift: ShiftSpec, weights: Weights
) -> list[ScoredCandidate]:
    """Eligible volunteers first, best score first, then by volunteer id.

    Ineligible volunteers follow in the same order, carrying their blockers.
    """
    context = ScoringContext.from_candidates(candidates)
    scored = [
        score_candidate(candidate, shift, weights, context=context)
        for candidate in candidates
    ]
    return sorted(
        scored, key=lambda item: (not item.eligible, -item.score, item.volunteer_id)
    )
