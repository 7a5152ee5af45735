"""``flask demo load``: a small, realistic bilingual data set for newcomers.

Each feature contributes a loader ``load(context)``; the list below runs them in
dependency order. A loader receives a dict it may read from and add to (the
organisation, staff users, volunteers …).
"""

from __future__ import annotations

from importlib import import_module

import click
from flask.cli import AppGroup
from sqlalchemy import select

from volunteer_hub.extensions import db

LOADERS = (
    "volunteer_hub.demo:load_foundation",
    "volunteer_hub.volunteers.demo:load",
    "volunteer_hub.drives.demo:load",
    "volunteer_hub.projects.demo:load",
    "volunteer_hub.receipts.demo:load",
    "volunteer_hub.resources.demo:load",
)

DEMO_PASSWORD = "demo-password-2026"
DEMO_STAFF = (
    ("admin@demo.example", "周敏 (Zhou Min)", "admin"),
    ("coordinator@demo.example", "李华 (Li Hua)", "coordinator"),
    ("viewer@demo.example", "王芳 (Wang Fang)", "viewer"),
)

demo = AppGroup("demo", help="Demonstration data.")


def load_foundation(context: dict) -> None:
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.organisation.services import create_organisation

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
    context["staff"] = {
        role: create_user(email=email, name=name, role=role, password=DEMO_PASSWORD)
        for email, name, role in DEMO_STAFF
    }


def run_loaders(context: dict | None = None) -> dict:
    """Run every feature's loader in order; the caller commits."""
    context = {} if context is None else context
    for path in LOADERS:
        module, _, name = path.partition(":")
        getattr(import_module(module), name)(context)
    return context


@demo.command("load")
def load():
    """Fill an empty database with demonstration data."""
    from volunteer_hub.organisation.models import Organisation

    if db.session.scalar(select(Organisation.id).limit(1)) is not None:
        raise click.ClickException(
            "the database already has an organisation; demo data goes into an empty one"
        )
    run_loaders()
    db.session.commit()
    click.echo("Demo data loaded. Log in with:")
    for email, _name, role in DEMO_STAFF:
        click.echo(f"  {role:<12} {email}  password: {DEMO_PASSWORD}")
