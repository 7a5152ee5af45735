"""The taxonomy, the sign-up terms and the privacy notice as each worker keeps them.

Plain copies under the organisation's settings token (``organisation/kept.py``):
the public sign-up reads them on every request, admins change them rarely.
Every write of a specialty, the settings or a notice renews the token (the
volunteers package watches those models), so each worker reads them again on
its next request after a change.
"""

from __future__ import annotations

from dataclasses import dataclass

from volunteer_hub.organisation.kept import kept
from volunteer_hub.volunteers.admin.services import (
    current_notice,
    ensure_specialties,
    list_specialties,
    signup_terms,
)
from volunteer_hub.volunteers.models import PrivacyNotice, Specialty


@dataclass(frozen=True)
class SpecialtyEntry:
    """A read-only copy of a specialty."""

    id: int
    code: str
    name_zh: str
    name_en: str
    description: str
    retired: bool
    position: int

    display_name = Specialty.display_name


@dataclass(frozen=True)
class NoticeText:
    """A read-only copy of the current privacy notice."""

    version: str
    text_zh: str
    text_en: str

    text = PrivacyNotice.text


def taxonomy() -> tuple[SpecialtyEntry, ...]:
    """Every specialty, retired ones too, in the order of the lists."""
    return kept("specialties", _load_taxonomy)


def _load_taxonomy() -> tuple[SpecialtyEntry, ...]:
    rows = list_specialties(include_retired=True)
    if not rows and ensure_specialties():
        rows = list_specialties(include_retired=True)
    return tuple(
        SpecialtyEntry(
            s.id, s.code, s.name_zh, s.name_en, s.description, s.retired, s.position
        )
        for s in rows
    )


def signup_specialties() -> list[SpecialtyEntry]:
    """What a new volunteer may choose: the specialties not retired.

    Adds the default taxonomy first when there is none (flushed, not committed).
    """
    return [entry for entry in taxonomy() if not entry.retired]


def kept_signup_terms() -> tuple[bool, bool, str]:
    """``signup_terms()`` as kept: (auto_approve, collect_id_number, version)."""
    return kept("signup_terms", signup_terms)


def notice_text() -> NoticeText:
    """The current privacy notice, to show."""
    return kept("notice", _load_notice)


def _load_notice() -> NoticeText:
    notice = current_notice()
    return NoticeText(notice.version, notice.text_zh, notice.text_en)
