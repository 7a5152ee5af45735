"""Every URL of the application is built as Werkzeug's own rules build it,
although its builders are made on first use (volunteer_hub.routing)."""

from __future__ import annotations

import pytest
from werkzeug.routing import Map, Rule

from volunteer_hub import create_app
from volunteer_hub.routing import LazyRule

SAMPLES = {
    "IdConverter": 12,
    "UnicodeConverter": "花园-路 1",
    "PathConverter": "js/app.js",
}


@pytest.fixture(scope="module")
def url_map(tmp_path_factory):
    app = create_app(
        {
            "SECRET_KEY": "routing-test",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        }
    )
    return app.url_map


def _values(rule) -> dict:
    values = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if kind == "AnyConverter":
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = SAMPLES[kind]
    return values


def test_the_application_builds_every_url_like_werkzeug(url_map):
    rules = [r for r in url_map.iter_rules() if r.endpoint != "static"]
    assert len(rules) > 100
    assert all(type(rule) is LazyRule for rule in rules)
    plain = Map(
        [Rule(r.rule, endpoint=r.endpoint, methods=r.methods) for r in rules],
        converters=url_map.converters,
    )
    ours = url_map.bind("vh.example")
    theirs = plain.bind("vh.example")
    for rule in rules:
        values = _values(rule)
        for extra in ({}, {"lang": "en", "q": "<script>"}):
            built = ours.build(rule.endpoint, {**values, **extra})
            assert built == theirs.build(rule.endpoint, {**values, **extra})
            # Built twice: the second time by the builder the first call made.
            assert ours.build(rule.endpoint, {**values, **extra}) == built
    assert ours.build("volunteers.detail", {"volunteer_id": 7, "lang": "en"}) == (
        "/volunteers/7?lang=en"
    )
