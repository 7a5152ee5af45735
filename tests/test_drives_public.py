"""The public drive page and its pledge form."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token_from
from volunteer_hub.drives.models import Donor, Pledge
from volunteer_hub.extensions import db


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def pledge_data(drive, quantities, **extra):
    data = {
        "donor_name": "王小明",
        "donor_phone": "13712345678",
        "donor_kind": "person",
    }
    for item, quantity in quantities:
        data[f"quantity_{item.id}"] = quantity
    data.update(extra)
    return data


def test_public_page_shows_progress_needs_first(
    client, flood_drive, make_intake, make_donor, make_pledge
):
    water, quilt, noodles = flood_drive.items
    make_intake(
        flood_drive,
        [(quilt, 200)],
        donor=make_donor(name="爱心企业", show_publicly=True),
    )
    make_intake(flood_drive, [(water, 120, 100)], donor=make_donor(name="隐名者"))
    make_pledge(flood_drive, [(noodles, 30)])
    page = client.get("/drives/flood-relief").get_data(as_text=True)
    assert "洪灾救援" in page
    needed = page.index("仍需")
    assert (
        needed < page.index("瓶装水") < page.index("已达成的目标") < page.index("棉被")
    )
    assert "仍需 400 箱" in page and "仍需 100 箱" in page
    assert "已认捐 30" in page
    assert "爱心企业" in page and "隐名者" not in page and "匿名捐赠人" in page
    # The quilt goal is reached: no quantity field for it any more.
    assert f'name="quantity_{quilt.id}"' not in page
    assert f'name="quantity_{water.id}"' in page
    # Overall: water 20 %, quilts 100 %, noodles 0 % → 40 %.
    assert "目标已完成 40%" in page


@pytest.mark.parametrize("lang,text", [("zh", "仍需"), ("en", "Still needed")])
def test_public_page_in_both_languages(client, flood_drive, lang, text):
    page = client.get(f"/drives/flood-relief?lang={lang}").get_data(as_text=True)
    assert text in page
    assert ("Bottled water" if lang == "en" else "瓶装水") in page


def test_draft_and_private_drives_are_not_public(
    client, coordinator_client, make_drive
):
    draft = make_drive(status="draft", slug="draft-drive")
    private = make_drive(slug="private-drive", public=False)
    assert client.get("/drives/draft-drive").status_code == 404
    assert client.get("/drives/private-drive").status_code == 404
    assert coordinator_client.get(f"/drives/{draft.slug}").status_code == 200
    assert private.id


def test_a_pledge_from_the_public_page(client, flood_drive):
    water, quilt, _ = flood_drive.items
    response = client.post(
        "/drives/flood-relief/pledge",
        data=pledge_data(
            flood_drive,
            [(water, "20"), (quilt, "")],
            show_publicly="y",
            expected_on="2026-12-05",
            note="周六上午送到",
        ),
    )
    assert response.status_code == 302
    pledge = db.session.scalar(select(Pledge))
    assert pledge.source == "public" and pledge.note == "周六上午送到"
    assert [(ln.drive_item_id, ln.quantity) for ln in pledge.lines] == [
        (water.id, Decimal(20))
    ]
    donor = db.session.get(Donor, pledge.donor_id)
    assert (donor.phone, donor.show_publicly) == ("+8613712345678", True)
    page = client.get("/drives/flood-relief").get_data(as_text=True)
    assert "谢谢" in page and "已认捐 20" in page
    # The same phone pledging again is the same donor.
    client.post(
        "/drives/flood-relief/pledge",
        data=pledge_data(flood_drive, [(quilt, "2")], donor_name="小明"),
    )
    assert _count(Donor) == 1 and _count(Pledge) == 2


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"q": "-3"}, "0 到"),
        ({"q": "1" + "0" * 40}, "0 到"),
        ({"q": "0"}, "至少为一项"),
        ({"q": "abc"}, "不是有效的小数"),
        ({"q": "5", "donor_name": ""}, "必填"),
        ({"q": "5", "donor_name": "x" * 100_000}, "200"),
        ({"q": "5", "donor_phone": "12"}, "有效的电话"),
        ({"q": "5", "donor_email": "not-an-email"}, "有效的电子邮箱"),
    ],
)
def test_hostile_pledges_change_nothing(client, flood_drive, extra, message):
    water = flood_drive.items[0]
    quantity = extra.pop("q")
    response = client.post(
        "/drives/flood-relief/pledge",
        data=pledge_data(flood_drive, [(water, quantity)], **extra),
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _count(Pledge) == 0 and _count(Donor) == 0


def test_script_tags_are_shown_as_text(client, flood_drive, make_intake):
    water = flood_drive.items[0]
    client.post(
        "/drives/flood-relief/pledge",
        data=pledge_data(
            flood_drive,
            [(water, "1")],
            donor_name="<script>alert(1)</script>",
            show_publicly="y",
        ),
    )
    donor = db.session.scalar(select(Donor))
    make_intake(flood_drive, [(water, 1)], donor=donor)
    page = client.get("/drives/flood-relief").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_items_of_another_drive_or_reached_goals_cannot_be_pledged(
    client, flood_drive, make_drive, make_intake
):
    other = make_drive()
    quilt = flood_drive.items[1]
    make_intake(flood_drive, [(quilt, 200)])
    response = client.post(
        "/drives/flood-relief/pledge",
        data=pledge_data(flood_drive, [(other.items[0], "5"), (quilt, "5")]),
    )
    assert response.status_code == 400
    assert _count(Pledge) == 0


def test_closed_drives_take_no_pledges(client, make_drive):
    drive = make_drive(status="closed", slug="ended")
    page = client.get("/drives/ended").get_data(as_text=True)
    assert "已结束" in page and 'action="/drives/ended/pledge"' not in page
    response = client.post(
        "/drives/ended/pledge", data=pledge_data(drive, [(drive.items[0], "1")])
    )
    assert response.status_code == 302 and _count(Pledge) == 0


@pytest.mark.csrf
def test_a_pledge_without_csrf_token_is_refused(client, flood_drive):
    water = flood_drive.items[0]
    response = client.post(
        "/drives/flood-relief/pledge", data=pledge_data(flood_drive, [(water, "3")])
    )
    assert response.status_code == 400 and _count(Pledge) == 0
    token = csrf_token_from(client.get("/drives/flood-relief").get_data(as_text=True))
    response = client.post(
        "/drives/flood-relief/pledge",
        data=pledge_data(flood_drive, [(water, "3")], csrf_token=token),
    )
    assert response.status_code == 302 and _count(Pledge) == 1


@pytest.mark.ratelimit
def test_the_pledge_form_is_rate_limited(client, flood_drive):
    water = flood_drive.items[0]
    codes = [
        client.post(
            "/drives/flood-relief/pledge", data=pledge_data(flood_drive, [(water, "1")])
        ).status_code
        for _ in range(7)
    ]
    assert codes[:5] == [302] * 5 and codes[-1] == 429
    assert _count(Pledge) == 5


def test_a_double_submitted_pledge_finds_one_donor(app, flood_drive):
    """Two identical submissions at once: one donor, two pledges, no error."""
    import threading

    from volunteer_hub.drives.donors import find_or_create_donor

    ids, errors = [], []
    barrier = threading.Barrier(2)

    def submit():
        with app.app_context():
            try:
                barrier.wait()
                ids.append(find_or_create_donor(name="同一人", phone="13600000000").id)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(ids)) == 1 and _count(Donor) == 1
