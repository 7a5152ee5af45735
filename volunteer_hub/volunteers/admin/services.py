"""The specialty taxonomy, the privacy notice and the volunteer settings."""

from __future__ import annotations

import re

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.models import (
    PrivacyNotice,
    Specialty,
    VolunteerSettings,
)
from volunteer_hub.volunteers.taxonomy import DEFAULT_SPECIALTIES

SETTINGS_FIELDS = ("collect_id_number", "certificate_full_id", "auto_approve")
SPECIALTY_FIELDS = ("name_zh", "name_en", "description", "position")
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")

DEFAULT_NOTICE_ZH = (
    "我们收集您的姓名、手机号、电子邮箱（可选）、所在社区、专长、可服务时间和自我介绍，"
    "只用于安排志愿服务、联系您和出具服务记录证明。只有本机构的工作人员能看到这些信息，"
    "列表中手机号只显示部分数字。我们不会把您的信息交给其他机构，除非法律要求。"
    "您可以随时通过个人链接查看、修改信息或退出；退出后您的个人信息会被删除，"
    "但已服务的时长仍计入机构的统计。"
)
DEFAULT_NOTICE_EN = (
    "We collect your name, mobile number, e-mail (optional), community, skills, "
    "availability and introduction only to arrange volunteering, to contact you and "
    "to issue service certificates. Only this organisation's staff can see them; "
    "lists show only part of your phone number. We do not pass your data to anyone "
    "else unless the law requires it. You can view, change or withdraw at any time "
    "through your personal link; withdrawal deletes your personal data, while the "
    "hours you served still count in the organisation's totals."
)


def current_settings() -> VolunteerSettings:
    """The settings row, created with the defaults on first use."""
    if has_app_context() and "volunteer_settings" in g:
        return g.volunteer_settings
    settings = db.session.scalar(select(VolunteerSettings).limit(1))
    if settings is None:
        try:
            with db.session.begin_nested():
                settings = VolunteerSettings()
                db.session.add(settings)
        except IntegrityError:  # created by a parallel request
            settings = db.session.scalar(select(VolunteerSettings).limit(1))
    if has_app_context():
        g.volunteer_settings = settings
    return settings


def signup_terms() -> tuple[bool, bool, str]:
    """``(auto_approve, collect_id_number, notice version)`` for a sign-up.

    One column query for the settings and the newest notice (the public
    sign-up asks on every POST); either is created when missing, as
    ``current_settings`` and ``current_notice`` do.
    """
    newest = (
        select(PrivacyNotice.version)
        .order_by(PrivacyNotice.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    row = (
        db.session.connection()
        .execute(
            select(
                VolunteerSettings.auto_approve,
                VolunteerSettings.collect_id_number,
                newest,
            ).limit(1)
        )
        .first()
    )
    if row is None or row[2] is None:
        settings = current_settings()
        version = current_notice().version
        return settings.auto_approve, settings.collect_id_number, version
    return bool(row[0]), bool(row[1]), row[2]


def update_settings(**values) -> VolunteerSettings:
    settings = current_settings()
    before = snapshot(settings, SETTINGS_FIELDS)
    for key in SETTINGS_FIELDS:
        if key in values:
            setattr(settings, key, bool(values[key]))
    old, new = changed_fields(before, snapshot(settings, SETTINGS_FIELDS))
    if new:
        record("volunteer_settings.update", settings, before=old, after=new)
    return settings


def current_notice() -> PrivacyNotice:
    """The newest privacy notice; a first version is published when none exists."""
    notice = db.session.scalar(
        select(PrivacyNotice).order_by(PrivacyNotice.id.desc()).limit(1)
    )
    if notice is not None:
        return notice
    try:
        with db.session.begin_nested():
            notice = PrivacyNotice(
                version="1", text_zh=DEFAULT_NOTICE_ZH, text_en=DEFAULT_NOTICE_EN
            )
            db.session.add(notice)
    except IntegrityError:
        return db.session.scalar(
            select(PrivacyNotice).where(PrivacyNotice.version == "1")
        )
    return notice


def publish_notice(*, text_zh: str, text_en: str = "", published_by=None):
    """Publish a new version of the privacy notice; returns it.

    The version is the previous number plus one. Raises DomainError when the
    Chinese text is empty or nothing changed.
    """
    text_zh, text_en = (text_zh or "").strip(), (text_en or "").strip()
    if not text_zh:
        raise DomainError(_l("Enter the text of the notice."), "text_zh")
    old = current_notice()
    if (old.text_zh, old.text_en) == (text_zh, text_en):
        raise DomainError(_l("The text has not changed."), "text_zh")
    count = db.session.scalar(select(func.count(PrivacyNotice.id)))
    notice = PrivacyNotice(
        version=str(count + 1),
        text_zh=text_zh,
        text_en=text_en,
        published_by_id=getattr(published_by, "id", None),
    )
    db.session.add(notice)
    db.session.flush()
    record("privacy_notice.publish", notice, after={"version": notice.version})
    return notice


def ensure_specialties() -> int:
    """Add the default taxonomy when there are no specialties; returns how many."""
    if db.session.scalar(select(Specialty.id).limit(1)) is not None:
        return 0
    for position, (code, name_zh, name_en) in enumerate(DEFAULT_SPECIALTIES):
        db.session.add(
            Specialty(code=code, name_zh=name_zh, name_en=name_en, position=position)
        )
    db.session.flush()
    return len(DEFAULT_SPECIALTIES)


def list_specialties(*, include_retired: bool = False) -> list[Specialty]:
    statement = select(Specialty).order_by(Specialty.position, Specialty.id)
    if not include_retired:
        statement = statement.where(Specialty.retired.is_(False))
    return list(db.session.scalars(statement))


def _clean_specialty(values: dict) -> dict:
    cleaned = {k: values[k] for k in SPECIALTY_FIELDS if k in values}
    for key in ("name_zh", "name_en", "description"):
        if key in cleaned:
            cleaned[key] = " ".join((cleaned[key] or "").split())
    if "name_zh" in cleaned and not cleaned["name_zh"]:
        raise DomainError(_l("Enter the Chinese name."), "name_zh")
    return cleaned


def create_specialty(*, code: str, **values) -> Specialty:
    """Add a specialty; raises DomainError for a bad or taken code."""
    code = (code or "").strip().lower()
    if not _CODE.match(code):
        raise DomainError(
            _l("Use 2–32 lower-case letters, digits or _, starting with a letter."),
            "code",
        )
    if db.session.scalar(select(Specialty.id).where(Specialty.code == code)):
        raise DomainError(_l("This code is already used."), "code")
    cleaned = _clean_specialty(values)
    if "position" not in cleaned or cleaned["position"] is None:
        cleaned["position"] = (
            db.session.scalar(select(func.max(Specialty.position))) or 0
        ) + 1
    specialty = Specialty(code=code, **cleaned)
    db.session.add(specialty)
    db.session.flush()
    record("specialty.create", specialty, after=snapshot(specialty))
    return specialty


def update_specialty(specialty: Specialty, **values) -> Specialty:
    """Rename or re-describe a specialty; its code and its holders stay."""
    before = snapshot(specialty, SPECIALTY_FIELDS)
    for key, value in _clean_specialty(values).items():
        if value is not None:
            setattr(specialty, key, value)
    old, new = changed_fields(before, snapshot(specialty, SPECIALTY_FIELDS))
    if new:
        record("specialty.update", specialty, before=old, after=new)
    return specialty


def set_specialty_retired(specialty: Specialty, retired: bool) -> Specialty:
    """Retire (hide from new choices) or bring back a specialty."""
    if specialty.retired != retired:
        specialty.retired = retired
        record(
            "specialty.retire" if retired else "specialty.restore",
            specialty,
            after={"retired": retired},
        )
    return specialty


def specialties_to_choose(volunteer=None) -> list[Specialty]:
    """Current specialties, plus retired ones ``volunteer`` still holds.

    Adds the default taxonomy first when there is none (flushed, not committed).
    One query for the public sign-up, which asks this on every request.
    """
    shown = list_specialties()
    if not shown and ensure_specialties():
        shown = list_specialties()
    held = {link.specialty_id for link in volunteer.specialties} if volunteer else set()
    if not held.difference(s.id for s in shown):
        return shown
    retired = [
        s for s in list_specialties(include_retired=True) if s.retired and s.id in held
    ]
    return shown + retired
