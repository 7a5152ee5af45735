"""Demo data: the organisation profile every other loader builds on."""

from __future__ import annotations

from volunteer_hub.organisation.services import create_organisation


def load(context: dict) -> None:
    """Add ``context["organisation"]``."""
    context["organisation"] = create_organisation(
        name_zh="阳光社区志愿者协会",
        name_en="Sunshine Community Volunteer Association",
        registration_code="51440300MJL000000X",
        address="广东省深圳市南山区阳光路 88 号",
        contact_name="周敏",
        contact_phone="+86 755 2600 0000",
        contact_email="contact@demo.example",
        default_locale="zh_Hans",
        currency="CNY",
        country="CN",
        timezone="Asia/Shanghai",
        jurisdiction="cn",
    )
