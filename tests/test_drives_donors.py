"""Donors: one record per phone or e-mail, staff edits, the merge tool."""

import pytest
from sqlalchemy import func, select

from volunteer_hub.drives.donors import (
    find_or_create_donor,
    mask_phone,
    normalise_phone,
)
from volunteer_hub.drives.models import Donor
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    "raw", ["13800138000", "138 0013 8000", "+86 138-0013-8000", "+8613800138000"]
)
def test_phone_numbers_are_normalised(app, raw):
    assert normalise_phone(raw) == "+8613800138000"


def test_same_phone_or_email_is_the_same_donor(app):
    first = find_or_create_donor(name="张三", phone="13800138000")
    assert find_or_create_donor(name="张先生", phone="+86 13800138000") is first
    second = find_or_create_donor(name="李四", email="Li@Example.com")
    assert find_or_create_donor(name="x", email="li@example.com ") is second
    assert find_or_create_donor(name="无联系方式") is not find_or_create_donor(
        name="无联系方式"
    )
    assert _count(Donor) == 4
    assert first.name == "张三"  # a later spelling does not overwrite


def test_lists_mask_phones_and_records_show_them(viewer_client, make_donor):
    donor = make_donor(name="张三", phone="13800138000")
    assert mask_phone(donor.phone) == "+86138****8000"
    listing = viewer_client.get("/drives/donors/?q=张").get_data(as_text=True)
    assert "张三" in listing and "+86138****8000" in listing
    assert "13800138000" not in listing
    record = viewer_client.get(f"/drives/donors/{donor.id}").get_data(as_text=True)
    assert "+8613800138000" in record
    # Viewers see the record but not the edit form.
    assert f'action="/drives/donors/{donor.id}"' not in record


def test_search_by_phone_digits(viewer_client, make_donor):
    make_donor(name="张三", phone="13800138000")
    make_donor(name="李四", phone="13900139000")
    page = viewer_client.get("/drives/donors/?q=0013 8").get_data(as_text=True)
    assert "张三" in page and "李四" not in page


def test_coordinator_edits_a_donor(coordinator_client, make_donor):
    donor = make_donor(name="张三", phone="13800138000")
    other = make_donor(name="李四", phone="13900139000")
    url = f"/drives/donors/{donor.id}"
    response = coordinator_client.post(
        url, data={"kind": "person", "name": "张三丰", "phone": "13900139000"}
    )
    assert response.status_code == 400
    assert "合并" in response.get_data(as_text=True)
    coordinator_client.post(
        url,
        data={
            "kind": "person",
            "name": "张三丰",
            "phone": "13800138000",
            "show_publicly": "y",
        },
    )
    db.session.refresh(donor)
    assert (donor.name, donor.show_publicly) == ("张三丰", True)
    assert other.phone == "+8613900139000"


def test_viewer_cannot_edit_a_donor(viewer_client, make_donor):
    donor = make_donor(name="张三")
    response = viewer_client.post(
        f"/drives/donors/{donor.id}", data={"kind": "person", "name": "x"}
    )
    assert response.status_code == 403
    assert db.session.get(Donor, donor.id).name == "张三"


def test_merge_tool(
    coordinator_client, flood_drive, make_donor, make_pledge, make_intake
):
    keep = make_donor(name="阳光超市", phone="13800000001")
    twin = make_donor(name="阳光超市(南山店)", email="shop@example.com")
    pledge = make_pledge(flood_drive, [(flood_drive.items[0], 10)], donor=twin)
    intake = make_intake(flood_drive, [(flood_drive.items[0], 4)], donor=twin)
    page = coordinator_client.get(
        f"/drives/donors/merge?keep_id={keep.id}&duplicate_id={twin.id}"
    )
    assert "阳光超市(南山店)" in page.get_data(as_text=True)
    response = coordinator_client.post(
        "/drives/donors/merge",
        data={"keep_id": keep.id, "duplicate_id": twin.id, "reason": "同一家"},
    )
    assert response.status_code == 302
    db.session.refresh(twin)
    db.session.refresh(keep)
    assert twin.merged_into_id == keep.id and twin.email is None
    assert keep.email == "shop@example.com"
    # Nothing recorded was rewritten; the kept donor's page lists both.
    assert pledge.donor_id == twin.id and intake.donor_id == twin.id
    page = coordinator_client.get(f"/drives/donors/{keep.id}").get_data(as_text=True)
    assert intake.number in page and f"#{pledge.id}" in page
    # The e-mail now finds the kept donor.
    assert find_or_create_donor(name="?", email="shop@example.com").id == keep.id
    listing = coordinator_client.get("/drives/donors/").get_data(as_text=True)
    assert "阳光超市(南山店)" not in listing


@pytest.mark.parametrize("pair", [("self", "self"), ("keep", "999999")])
def test_bad_merges_change_nothing(coordinator_client, make_donor, pair):
    keep = make_donor(name="甲")
    ids = {"self": keep.id, "keep": keep.id, "999999": 999999}
    response = coordinator_client.post(
        "/drives/donors/merge",
        data={"keep_id": ids[pair[0]], "duplicate_id": ids[pair[1]]},
    )
    assert response.status_code == 200
    assert db.session.get(Donor, keep.id).merged_into_id is None


def test_bad_donor_input_is_refused(app):
    for values in (
        {"name": ""},
        {"name": "x" * 201},
        {"name": "a", "phone": "abc"},
        {"name": "a", "email": "no at sign"},
        {"name": "a", "kind": "x"},
    ):
        with pytest.raises(DomainError):
            find_or_create_donor(**values)
    assert _count(Donor) == 0


@pytest.mark.parametrize(
    "lang,text", [("zh", "合并两位捐赠人"), ("en", "Merge two donors")]
)
def test_donor_pages_in_both_languages(coordinator_client, lang, text):
    page = coordinator_client.get(f"/drives/donors/?lang={lang}")
    assert text in page.get_data(as_text=True)
