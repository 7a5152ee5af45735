"""The public drive page is kept between requests and is never stale after a write.

The body is kept per drive and language under the drive's ``page_version``, which
every write the page shows renews in its own transaction; these tests change
each kind of thing the page shows after the page was kept, through the services
(and through a second application on the same database, as a second worker
would), and read what the visitor sees next.
"""

from decimal import Decimal

import pytest

from tests.conftest import FreshContextClient, csrf_token_from, login
from tests.fixtures.drives import PEOPLE
from volunteer_hub import create_app
from volunteer_hub.drives import services
from volunteer_hub.drives.distributions.services import (
    record_distribution,
    reverse_distribution,
)
from volunteer_hub.drives.donors.services import merge_donors, update_donor
from volunteer_hub.drives.intake.services import reverse_intake
from volunteer_hub.drives.models import Drive, Pledge
from volunteer_hub.drives.pledges.services import cancel_pledge
from volunteer_hub.drives.public import cache, views
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import update_organisation
from volunteer_hub.receipts.profiles import PROFILES

PAGE = "/drives/flood-relief"


def page(client, lang="zh") -> str:
    return client.get(f"{PAGE}?lang={lang}").get_data(as_text=True)


@pytest.fixture
def second_app(app, tmp_path):
    """Another application on the same database: a second gunicorn worker."""
    config = {
        key: app.config[key]
        for key in (
            "TESTING",
            "SECRET_KEY",
            "SQLALCHEMY_DATABASE_URI",
            "WTF_CSRF_ENABLED",
            "RATELIMIT_ENABLED",
            "SESSION_COOKIE_SECURE",
            "LISTEN_HOST",
        )
    }
    other = create_app({**config, "INSTANCE_PATH": str(tmp_path / "second")})
    other.test_client_class = FreshContextClient
    yield other
    with other.app_context():
        db.engine.dispose()


def test_an_intake_through_another_worker_shows_at_once(
    client, org, flood_drive, make_user, second_app
):
    water = flood_drive.items[0]
    assert "仍需 500 箱" in page(client)
    staff = second_app.test_client()
    login(staff, make_user(role="coordinator"))
    response = staff.post(
        f"/drives/{flood_drive.id}/intake",
        data={
            "point_id": str(flood_drive.points[0].id) if flood_drive.points else "",
            "counted_by_1": "李华",
            "line_count": "1",
            "donor_kind": "person",
            "line-0-item": str(water.id),
            "line-0-quantity_received": "20",
        },
    )
    assert response.status_code == 302
    shown = page(client)
    assert "仍需 480 箱" in shown and "仍需 500 箱" not in shown
    # 20 cases at the reference value of ¥30.
    assert "已收物资价值 ¥600" in shown


def _intake(drive, make_intake, make_donor, **donor):
    return make_intake(drive, [(drive.items[0], 20)], donor=make_donor(**donor))


def _distribute(drive, make_intake, make_donor):
    _intake(drive, make_intake, make_donor)
    return record_distribution(
        drive, [(drive.items[0], Decimal(5))], point=drive.points[0], **PEOPLE
    )


def test_a_page_read_again_is_neither_summed_nor_drawn_again(
    client, flood_drive, monkeypatch
):
    summed, drawn = [], []
    real_sums, real_body = cache.item_sums, views._render_body
    monkeypatch.setattr(cache, "item_sums", lambda d: summed.append(1) or real_sums(d))
    monkeypatch.setattr(
        views, "_render_body", lambda *a: drawn.append(1) or real_body(*a)
    )
    first, second = page(client), page(client)
    assert first == second and "仍需 500 箱" in second
    assert (len(summed), len(drawn)) == (1, 1)
    # Each language is drawn on its own, from the same sums.
    assert "Still needed" in page(client, "en")
    assert (len(summed), len(drawn)) == (1, 2)


# Each write the page shows: (set up before the page is kept, the write given what
# the set-up returned, what the page says afterwards and did not say before).
WRITES = {
    "intake": (
        lambda d, mi, md: None,
        lambda d, mi, md, before: _intake(d, mi, md),
        "仍需 480 箱",
    ),
    "intake reversed": (
        lambda d, mi, md: _intake(d, mi, md),
        lambda d, mi, md, intake: reverse_intake(intake, "点错了"),
        "仍需 500 箱",
    ),
    "distribution": (
        lambda d, mi, md: _intake(d, mi, md),
        lambda d, mi, md, before: record_distribution(
            d, [(d.items[0], Decimal(5))], point=d.points[0], **PEOPLE
        ),
        PEOPLE["recipient"],
    ),
    "distribution reversed": (
        lambda d, mi, md: _distribute(d, mi, md),
        lambda d, mi, md, given: reverse_distribution(given, "退回"),
        "还没有发放物资",
    ),
    "donor shown by name": (
        lambda d, mi, md: _intake(d, mi, md, name="爱心企业"),
        lambda d, mi, md, intake: update_donor(intake.donor, show_publicly=True),
        "爱心企业",
    ),
    "goal changed": (
        lambda d, mi, md: None,
        lambda d, mi, md, before: services.change_item(
            d.items[0], "需求增加", target_quantity=Decimal(600)
        ),
        "仍需 600 箱",
    ),
    "point renamed": (
        lambda d, mi, md: None,
        lambda d, mi, md, before: services.update_point(d.points[0], name="新集散点"),
        "新集散点",
    ),
    "drive closed": (
        lambda d, mi, md: None,
        lambda d, mi, md, before: services.set_drive_status(d, "closed"),
        "本次募集已结束",
    ),
}


@pytest.mark.parametrize("kind", WRITES)
def test_every_write_the_page_shows_renews_it(
    client, flood_drive, make_intake, make_donor, kind
):
    prepare, write, shown = WRITES[kind]
    before = prepare(flood_drive, make_intake, make_donor)
    db.session.commit()
    assert shown not in page(client)
    write(flood_drive, make_intake, make_donor, before)
    db.session.commit()
    assert shown in page(client)


def test_pledges_and_their_cancellation_renew_the_page(
    client, flood_drive, make_pledge
):
    water = flood_drive.items[0]
    assert "已认捐 30" not in page(client)
    pledge = make_pledge(flood_drive, [(water, 30)])
    assert "已认捐 30" in page(client)
    cancel_pledge(db.session.get(Pledge, pledge.id), "来不了")
    db.session.commit()
    assert "已认捐 30" not in page(client)


def test_a_write_rolled_back_keeps_the_version(flood_drive):
    version = flood_drive.page_version
    services.change_item(flood_drive.items[0], "试试", target_quantity=Decimal(9))
    db.session.flush()
    db.session.rollback()
    assert db.session.get(Drive, flood_drive.id).page_version == version
    services.change_item(flood_drive.items[0], "真的", target_quantity=Decimal(9))
    db.session.commit()
    assert db.session.get(Drive, flood_drive.id).page_version != version


@pytest.mark.csrf
def test_each_visitor_gets_their_own_token_on_a_kept_page(app, flood_drive):
    first, second = app.test_client(), app.test_client()
    first_page, second_page = page(first), page(second)
    assert cache.CSRF_HOLE not in first_page + second_page
    token = csrf_token_from(second_page)
    assert token != csrf_token_from(first_page)
    water = flood_drive.items[0]
    response = second.post(
        f"{PAGE}/pledge",
        data={
            "csrf_token": token,
            "donor_name": "王小明",
            "donor_phone": "13712345678",
            "donor_kind": "person",
            f"quantity_{water.id}": "20",
        },
    )
    assert response.status_code == 302
    assert "已认捐 20" in page(first)


@pytest.mark.parametrize(
    "lang,text",
    [("zh", "已收物资价值 ¥2.7万"), ("en", "Goods received so far are worth ¥27,000")],
)
def test_the_value_of_goods_received_in_the_readers_words(
    client, flood_drive, make_intake, lang, text
):
    water, quilt, _ = flood_drive.items
    # 100 cases at ¥30 and 200 quilts at ¥120, their reference values.
    make_intake(flood_drive, [(water, 100), (quilt, 200)])
    shown = page(client, lang)
    assert text in shown
    assert ("not counted" if lang == "en" else "未计入") not in shown


def test_no_value_is_shown_when_goods_are_not_valued(client, make_drive, make_intake):
    drive = make_drive(slug="flood-relief")  # its goal has no reference value
    make_intake(drive, [(drive.items[0], 5)])
    shown = page(client)
    assert "已收物资价值" not in shown and "¥" not in shown


def test_goods_without_a_value_are_said_not_counted(
    client, flood_drive, make_intake, make_item
):
    blankets = make_item(flood_drive, name_zh="毛毯", unit="条")
    make_intake(flood_drive, [(flood_drive.items[0], 10), (blankets, 4)])
    shown = page(client)
    assert "已收物资价值 ¥300" in shown and "未计入" in shown


def test_the_staff_overview_keeps_the_sums_until_a_write(
    viewer_client, flood_drive, make_intake, make_donor, monkeypatch
):
    summed = []
    real = cache.item_sums
    monkeypatch.setattr(cache, "item_sums", lambda d: summed.append(1) or real(d))
    url = f"/drives/{flood_drive.id}"
    on_hand = 'data-label="库存" class="num">20</td>'
    assert on_hand not in viewer_client.get(url).get_data(as_text=True)
    viewer_client.get(url)
    assert len(summed) == 1
    _intake(flood_drive, make_intake, make_donor)
    assert on_hand in viewer_client.get(url).get_data(as_text=True)
    assert len(summed) == 2


def test_a_new_currency_shows_on_a_kept_page(client, org, flood_drive, make_intake):
    make_intake(flood_drive, [(flood_drive.items[0], 10)])
    assert "已收物资价值 ¥300" in page(client)
    update_organisation(org, currency="USD")
    db.session.commit()
    assert "已收物资价值 $300" in page(client)


def test_a_donor_merge_renews_the_pledged_count(
    client, flood_drive, make_donor, make_pledge, make_intake
):
    water = flood_drive.items[0]
    pledged = make_donor(name="王小明", phone="13712345678")
    make_pledge(flood_drive, [(water, 30)], donor=pledged)
    # The same person walks in under another record and brings 20 cases.
    walk_in = make_donor(name="王小明先生")
    make_intake(flood_drive, [(water, 20)], donor=walk_in)
    assert "已认捐 30" in page(client)
    merge_donors(pledged, walk_in, "同一人")
    db.session.commit()
    assert "已认捐 10" in page(client)


@pytest.mark.parametrize("jurisdiction", sorted(PROFILES))
def test_the_value_is_stated_where_receipts_state_values(
    client, org, flood_drive, make_intake, jurisdiction
):
    make_intake(flood_drive, [(flood_drive.items[0], 10)])
    assert "已收物资价值 ¥300" in page(client)
    update_organisation(org, jurisdiction=jurisdiction)
    db.session.commit()
    stated = "已收物资价值 ¥300" in page(client)
    assert stated == PROFILES[jurisdiction].states_values
