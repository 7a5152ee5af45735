"""The limiter's check before every request is left out while no limit needs it
(issue 17): each route's own ``@limiter.limit`` checks itself."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.fixtures.volunteers import signup_data
from volunteer_hub import create_app
from volunteer_hub.extensions import db, limiter
from volunteer_hub.volunteers.models import Volunteer


def hooks(app) -> list:
    return app.before_request_funcs.get(None, [])


def test_no_global_limit_no_check_before_every_request(app):
    assert limiter._check_request_limit not in hooks(app)


@pytest.mark.parametrize(
    "setting", ["RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META"]
)
def test_a_global_limit_keeps_the_check(app, tmp_path, setting):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_PATH": str(tmp_path / "other"),
        "RATELIMIT_ENABLED": True,
        setting: "100 per minute",
    }
    assert limiter._check_request_limit in hooks(create_app(config))


@pytest.mark.ratelimit
def test_a_routes_own_limit_still_refuses(client, org, specialties):
    for _ in range(10):
        client.post("/signup", data={})
    refused = client.post(
        "/signup", data=signup_data(specialties), headers={"Accept-Language": "zh-CN"}
    )
    assert refused.status_code == 429
    assert "尝试次数过多" in refused.get_data(as_text=True)
    # The eleventh sign-up, valid as it was, wrote nothing.
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0
