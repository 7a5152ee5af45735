"""The helpers every view shares: one commit per request, panels on another's page."""

from __future__ import annotations

from flask import get_flashed_messages, render_template_string
from sqlalchemy import func, select

from volunteer_hub import panels
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.organisation.models import Organisation
from volunteer_hub.web import commit_service


class _Form:
    def __init__(self):
        self.form_errors = []

        class _Field:
            errors = ()

        self.name_zh = _Field()


def _add_org(name):
    from volunteer_hub.organisation.services import create_organisation

    return create_organisation(
        name_zh=name,
        name_en="X",
        registration_code="51440300TEST00001X",
        address="-",
        contact_email="a@b.example",
        default_locale="zh_Hans",
        currency="CNY",
        country="CN",
        timezone="Asia/Shanghai",
        jurisdiction="cn",
    )


def _count():
    return db.session.scalar(select(func.count()).select_from(Organisation))


def test_a_successful_service_is_committed_and_its_value_returned(app):
    outcome = commit_service(lambda: _add_org("甲"))
    db.session.rollback()  # a commit already happened: nothing left to undo
    assert outcome and outcome.value.name_zh == "甲"
    assert _count() == 1


def test_a_domain_error_rolls_back_and_lands_on_the_named_field(app):
    def fails():
        _add_org("乙")
        db.session.flush()
        raise DomainError("名称已被使用", field="name_zh")

    form = _Form()
    outcome = commit_service(fails, form=form)
    assert not outcome and outcome.error.field == "name_zh"
    assert form.name_zh.errors == ["名称已被使用"]
    assert _count() == 0


def test_without_a_form_the_error_is_flashed(app):
    def fails():
        raise DomainError("不行")

    with app.test_request_context():
        assert not commit_service(fails)
        assert get_flashed_messages(with_categories=True) == [("error", "不行")]


def test_panels_show_in_order_and_skip_those_with_nothing_to_show(app):
    panels.register(app, "t.slot", "b.html", build=lambda who: {"n": 2}, order=20)
    panels.register(app, "t.slot", "a.html", build=lambda who: {"n": who}, order=10)
    panels.register(app, "t.slot", "c.html", build=lambda who: None, order=5)
    panels.register(app, "t.slot", "a.html", build=lambda who: {"n": 99}, order=1)
    panels.register(app, "other", "d.html", build=lambda who: {"n": 4})
    with app.test_request_context():
        text = render_template_string(
            "{% for t, p in panels('t.slot', who=1) %}{{ t }}={{ p.n }};{% endfor %}"
        )
    assert text == "a.html=1;b.html=2;"


def test_each_app_has_its_own_panels(app):
    from volunteer_hub import create_app

    panels.register(app, "t.slot", "a.html", build=lambda: {})
    other = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "INSTANCE_PATH": app.instance_path,
        }
    )
    with other.test_request_context():
        assert panels.shown("t.slot") == []
