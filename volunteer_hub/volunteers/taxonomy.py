"""The specialty taxonomy a new installation starts with (editable afterwards)."""

from flask import g
from flask_babel import get_locale
from sqlalchemy import select

from volunteer_hub.extensions import db
from volunteer_hub.volunteers.labels import GROUP_LABELS, LEVEL_LABELS
from volunteer_hub.volunteers.models import Specialty

# (code, name_zh, name_en); admins add descriptions in their own words.
DEFAULT_SPECIALTIES = (
    ("elder_care", "助老服务", "Elder care"),
    ("disability", "助残服务", "Care for people with disabilities"),
    ("children", "儿童与青少年", "Children and youth"),
    ("medical", "医疗护理", "Medical and nursing"),
    ("counselling", "心理咨询", "Psychological counselling"),
    ("legal", "法律援助", "Legal aid"),
    ("rescue", "应急救援", "Emergency rescue"),
    ("logistics", "物流与驾驶", "Logistics and driving"),
    ("teaching", "教学与辅导", "Teaching and tutoring"),
    ("it_design", "信息技术与设计", "IT and design"),
    ("publicity", "宣传与摄影", "Publicity and photography"),
    ("finance", "财务与会计", "Finance and accounting"),
    ("translation", "翻译", "Translation"),
    ("environment", "环境保护", "Environmental protection"),
    ("community", "社区服务", "Community service"),
    ("events", "活动组织", "Event organisation"),
    ("culture_sport", "文体活动", "Culture and sport"),
)

# Groups of the sign-up list, by code, in display order; a specialty an admin
# added later goes under "other".
SPECIALTY_GROUPS = (
    ("care", ("elder_care", "disability", "children", "medical", "counselling")),
    (
        "skills",
        ("legal", "teaching", "it_design", "publicity", "finance", "translation"),
    ),
    (
        "community",
        ("rescue", "logistics", "environment", "community", "events", "culture_sport"),
    ),
)


def group_specialties(specialties) -> list[tuple[str, list]]:
    """``specialties`` (in their order) under the labels of their groups;
    groups without a member are left out."""
    group_of = {code: group for group, codes in SPECIALTY_GROUPS for code in codes}
    members: dict[str, list] = {group: [] for group, _codes in SPECIALTY_GROUPS}
    members["other"] = []
    for specialty in specialties:
        members[group_of.get(specialty.code, "other")].append(specialty)
    return [(GROUP_LABELS[group], found) for group, found in members.items() if found]


def skill_words(code: str) -> str | None:
    """A specialty's name in the reader's language, or a level's words, for a
    code stored in an audit event; None for an unknown code."""
    if code in LEVEL_LABELS:
        return str(LEVEL_LABELS[code])
    if "specialty_names" not in g:
        locale = get_locale()
        g.specialty_names = {
            s.code: s.display_name(locale)
            for s in db.session.scalars(select(Specialty))
        }
    return g.specialty_names.get(code)
