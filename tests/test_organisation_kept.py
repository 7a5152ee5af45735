"""Settings each worker keeps (issue 17): the organisation's profile, the
taxonomy, the volunteer settings and the privacy notice, under the token
every write of them renews. A change made by another worker (a second
application on the same database) shows on this one's next request."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import inspect, select

from tests.conftest import FreshContextClient
from tests.fixtures.volunteers import signup_data
from volunteer_hub import create_app
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import (
    current_organisation,
    organisation_profile,
    update_organisation,
)
from volunteer_hub.volunteers.admin import services as admin
from volunteer_hub.volunteers.admin.kept import signup_specialties
from volunteer_hub.volunteers.models import Specialty, Volunteer


@pytest.fixture
def second_app(app, tmp_path):
    """Another application on the same database: a second gunicorn worker."""
    keys = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "LISTEN_HOST")
    config = {key: app.config[key] for key in keys}
    other = create_app({**config, "INSTANCE_PATH": str(tmp_path / "second")})
    other.test_client_class = FreshContextClient
    yield other
    with other.app_context():
        db.engine.dispose()


def in_other_worker(other, change) -> None:
    """Run ``change()`` in the other application and commit it there."""
    with other.app_context():
        change()
        db.session.commit()


def signup_page(client) -> str:
    return client.get("/signup", headers={"Accept-Language": "zh-CN"}).get_data(
        as_text=True
    )


def test_a_profile_change_in_another_worker_shows_on_the_next_request(
    client, org, second_app
):
    assert "测试志愿者协会" in signup_page(client)

    def rename():
        update_organisation(current_organisation(), name_zh="新名字志愿者协会")

    in_other_worker(second_app, rename)
    page = signup_page(client)
    assert "新名字志愿者协会" in page and "测试志愿者协会" not in page


def test_a_specialty_renamed_or_retired_elsewhere_shows_on_the_next_request(
    client, org, specialties, second_app
):
    assert "助老服务" in signup_page(client)
    elder, medical = specialties["elder_care"].id, specialties["medical"].id

    def change():
        admin.update_specialty(db.session.get(Specialty, elder), name_zh="陪伴老人")
        admin.set_specialty_retired(db.session.get(Specialty, medical), True)

    in_other_worker(second_app, change)
    page = signup_page(client)
    assert "陪伴老人" in page and "助老服务" not in page
    assert f'value="{medical}"' not in page
    # A sign-up for the retired one is refused, by this worker too.
    response = client.post("/signup", data=signup_data(specialties))
    assert response.status_code == 200
    assert db.session.scalar(select(Volunteer.id)) is None


def test_settings_and_notice_changed_elsewhere_apply_to_the_next_sign_up(
    client, org, specialties, second_app
):
    data = signup_data(specialties, specialties=[], token="a" * 43)
    assert client.post("/signup", data=data).status_code == 302

    def change():
        admin.update_settings(auto_approve=True)
        admin.publish_notice(text_zh="新的隐私说明")

    in_other_worker(second_app, change)
    assert "新的隐私说明" in signup_page(client)
    data = signup_data(specialties, token="b" * 43, phone="139 0013 9000")
    assert client.post("/signup", data=data).status_code == 302
    rows = db.session.execute(
        select(Volunteer.status, Volunteer.consent_version).order_by(Volunteer.id)
    ).all()
    assert [tuple(row) for row in rows] == [("pending", "1"), ("active", "2")]


def test_an_uncommitted_change_is_never_kept(app, client, org, specialties):
    elder = specialties["elder_care"].id
    signup_page(client)  # kept by this worker
    with app.app_context():
        db.session.get(Specialty, elder).name_zh = "未提交的名字"
        db.session.flush()
        # The transaction that changed it reads its own change …
        names = {entry.id: entry.name_zh for entry in signup_specialties()}
        assert names[elder] == "未提交的名字"
        db.session.rollback()
    # … and neither it nor anything read during it is kept.
    page = signup_page(client)
    assert "未提交的名字" not in page
    assert "助老服务" in page


def test_kept_values_are_plain_read_only_copies(app, org, specialties):
    with app.app_context():
        profile = organisation_profile()
        entries = signup_specialties()
        assert profile.display_name("en") == "Test Volunteer Association"
        assert not profile.has_logo and not profile.has_seal
        with pytest.raises(dataclasses.FrozenInstanceError):
            profile.name_zh = "x"
        # Not ORM objects: nothing ties them to one request's session.
        assert entries and not any(hasattr(e, "_sa_instance_state") for e in entries)
        assert {e.code for e in entries} == {
            s.code for s in specialties.values() if not s.retired
        }


def test_the_profile_row_leaves_its_images_until_drawn(app, org):
    with app.app_context():
        row = current_organisation()
        assert {"logo_image", "seal_image"} <= inspect(row).unloaded
        assert row.logo_image is None  # loaded when asked for
