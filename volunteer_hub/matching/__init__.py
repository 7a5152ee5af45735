"""Rank volunteers for a shift and auto-fill whole projects.

Pure functions over the frozen records in `model`; no Flask or database here.
"""

from volunteer_hub.matching.model import (
    LEVELS,
    PARTS,
    STATUSES,
    Candidate,
    Reason,
    ShiftSpec,
    SkillClaim,
    Weights,
)
from volunteer_hub.matching.scoring import (
    ScoredCandidate,
    ScoringContext,
    check_eligibility,
    rank_candidates,
    score_candidate,
)
from volunteer_hub.matching.solver import (
    Assignment,
    Roster,
    next_best,
    propose_roster,
)

__all__ = [
    "LEVELS",
    "PARTS",
    "STATUSES",
    "Assignment",
    "Candidate",
    "Reason",
    "Roster",
    "ScoredCandidate",
    "ScoringContext",
    "ShiftSpec",
    "SkillClaim",
    "Weights",
    "check_eligibility",
    "next_best",
    "propose_roster",
    "rank_candidates",
    "score_candidate",
]
