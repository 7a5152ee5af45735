"""Import of an existing roster from CSV (with a dry run), and the export's audit."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.matching.model import LEVELS, PARTS
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.availability.services import parse_slot, set_availability
from volunteer_hub.volunteers.lifecycle.services import set_core
from volunteer_hub.volunteers.models import Specialty
from volunteer_hub.volunteers.profile.services import (
    SpecialtyChoice,
    create_volunteer,
    set_specialties,
)
from volunteer_hub.volunteers.roster.export import EXPORT_COLUMNS

MAX_IMPORT_BYTES = 512 * 1024
MAX_IMPORT_ROWS = 5000


# Header names accepted on import (English and Chinese) → field.
IMPORT_HEADERS = {
    "name": "name",
    "姓名": "name",
    "phone": "phone",
    "mobile": "phone",
    "手机": "phone",
    "手机号": "phone",
    "电话": "phone",
    "email": "email",
    "e-mail": "email",
    "邮箱": "email",
    "电子邮箱": "email",
    "district": "district",
    "community": "district",
    "社区": "district",
    "所在社区": "district",
    "区域": "district",
    "specialties": "specialties",
    "专长": "specialties",
    "availability": "availability",
    "可服务时间": "availability",
    "max_hours_per_month": "max_hours_per_month",
    "每月最多小时": "max_hours_per_month",
    "core": "core",
    "核心": "core",
    "核心志愿者": "core",
    "notes": "notes",
    "备注": "notes",
    "intro": "intro",
    "简介": "intro",
}


LEVEL_WORDS = {
    "interested": "interested",
    "感兴趣": "interested",
    "兴趣": "interested",
    "experienced": "experienced",
    "有经验": "experienced",
    "经验": "experienced",
    "certified": "certified",
    "有证书": "certified",
    "持证": "certified",
}


WEEKDAY_WORDS = {
    **{w: i for i, w in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{w: i for i, w in enumerate("一二三四五六日")},
    "天": 6,
}


PART_WORDS = {
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "上午": "morning",
    "下午": "afternoon",
    "晚上": "evening",
}


YES = {"1", "yes", "y", "true", "是", "核心"}


_SPLIT = re.compile(r"[;；,，、\n]+")


def note_export(filters: dict, *, full: bool) -> None:
    """Audit a CSV export of the roster (``full``: with phone and e-mail)."""
    record(
        "volunteers.export_full" if full else "volunteers.export",
        None,
        entity_type="volunteers",
        entity_id="export",
        after=filters,
    )


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 as saved by Chinese Excel."""
    if len(data) > MAX_IMPORT_BYTES:
        raise DomainError(_l("The file is larger than 512 KB."), "file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_l("The file is not UTF-8 or GB18030 text."), "file")


@dataclass
class ImportReport:
    accepted: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)


# The export's code columns come last; in a re-import they win over the
# translated columns before them (a row keeps the last value of a field).
CODE_HEADERS = {
    "status_code": "",
    "core_code": "core",
    "specialty_codes": "specialties",
    "availability_codes": "availability",
}
# The export's translated columns that import has no use for ("" = ignored).
EXPORT_ONLY = ("id", "status", "created_at")


def header_names() -> dict[str, str]:
    """Header → field: the fixed names, and the export's headers in both
    languages, so an exported file imports again."""
    names = dict(IMPORT_HEADERS)
    for locale in ("zh_Hans", "en"):
        with force_locale(locale):
            for key, label in EXPORT_COLUMNS:
                names[str(label).strip().lower()] = "" if key in EXPORT_ONLY else key
    return names | CODE_HEADERS


def _read(text: str):
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise DomainError(_l("The file is empty."), "file")
    known = header_names()
    names = [known.get(h.strip().lower().lstrip("\ufeff")) for h in header]
    if "name" not in names or "phone" not in names:
        raise DomainError(
            _l("The first line must name the columns, with at least name and phone."),
            "file",
        )
    unknown = [h for h, n in zip(header, names, strict=True) if n is None]
    return reader, names, unknown


def import_roster(text: str, *, dry_run: bool) -> ImportReport:
    """Check (``dry_run``) or import the rows of a roster CSV.

    Each row is added in a savepoint, so a rejected row leaves nothing behind;
    a dry run rolls all rows back. Raises DomainError for an unusable file.
    """
    reader, names, unknown = _read(text)
    report = ImportReport(unknown_columns=unknown)
    specialties = _specialty_lookup()
    outer = db.session.begin_nested()
    for line, cells in enumerate(reader, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            report.rejected.append(
                (line, "", str(_l("Too many rows; the rest was not read.")))
            )
            break
        if not any(c.strip() for c in cells):
            continue
        row = {
            n: c.strip().lstrip("'") for n, c in zip(names, cells, strict=False) if n
        }
        try:
            with db.session.begin_nested():
                _import_row(row, specialties)
        except DomainError as error:
            report.rejected.append((line, error.field or "", str(error.message)))
        else:
            report.accepted.append((line, personal.mask_name(row.get("name", ""))))
    if dry_run:
        outer.rollback()
    else:
        outer.commit()
        record(
            "volunteers.import",
            None,
            entity_type="volunteers",
            entity_id="import",
            after={"accepted": len(report.accepted), "rejected": len(report.rejected)},
        )
    return report


def _specialty_lookup() -> dict[str, int]:
    lookup = {}
    for s in db.session.scalars(select(Specialty).where(Specialty.retired.is_(False))):
        for key in (s.code, s.name_zh, s.name_en):
            if key:
                lookup[key.strip().lower()] = s.id
    return lookup


def _import_row(row: dict, specialties: dict[str, int]) -> None:
    hours = row.get("max_hours_per_month") or None
    if hours is not None and not hours.isdigit():
        raise DomainError(
            _l("Enter a number from 1 to %(n)d.", n=300), "max_hours_per_month"
        )
    volunteer = create_volunteer(
        source="import",
        name=row.get("name", ""),
        phone=row.get("phone", ""),
        email=row.get("email", ""),
        district=row.get("district", ""),
        intro=row.get("intro", ""),
        notes=row.get("notes", ""),
        max_hours_per_month=int(hours) if hours else None,
    )
    if (row.get("core") or "").strip().lower() in YES:
        set_core(
            volunteer, True, reason=str(_l("Core volunteer in the imported roster."))
        )
    set_specialties(
        volunteer, parse_specialties(row.get("specialties", ""), specialties)
    )
    set_availability(volunteer, parse_availability(row.get("availability", "")))


def parse_specialties(text: str, lookup: dict[str, int]):
    """``助老服务:有经验; medical:certified:护士执业证`` → SpecialtyChoice list."""
    choices = {}
    for item in _SPLIT.split(text or ""):
        if not item.strip():
            continue
        parts = [p.strip() for p in re.split(r"[:：]", item)]
        sid = lookup.get(parts[0].lower())
        if sid is None:
            raise DomainError(
                _l("Unknown specialty: %(name)s", name=parts[0][:50]), "specialties"
            )
        level = LEVEL_WORDS.get(parts[1].lower()) if len(parts) > 1 else "interested"
        if level not in LEVELS:
            raise DomainError(
                _l("Unknown level: %(name)s", name=parts[1][:50]), "specialties"
            )
        certificate = parts[2] if len(parts) > 2 else ""
        choices[sid] = SpecialtyChoice(sid, level, certificate_name=certificate)
    return list(choices.values())


def parse_availability(text: str) -> set[tuple[int, str]]:
    """``5-morning; 周六上午; sat evening`` → {(5, "morning"), …}."""
    slots = set()
    for item in _SPLIT.split(text or ""):
        item = item.strip().lower()
        if not item:
            continue
        parsed = parse_slot(item) or _parse_words(item)
        if parsed is None:
            raise DomainError(
                _l("Unknown time: %(name)s", name=item[:50]), "availability"
            )
        slots.add(parsed)
    return slots


def _parse_words(item: str):
    match = re.match(
        r"^(?:周|星期|礼拜)?\s*([一二三四五六日天]|[a-z]{3})[a-z]*\s*(\S+)$",
        item.replace("-", " "),
    )
    if not match:
        return None
    day = WEEKDAY_WORDS.get(match.group(1))
    part = PART_WORDS.get(match.group(2))
    if day is None or part not in PARTS:
        return None
    return day, part
