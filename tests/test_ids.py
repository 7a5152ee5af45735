"""Ids from URLs, query strings and forms: anything but 1..2**31-1 is refused.

``str.isdigit()`` accepts ``²``, which ``int()`` refuses, and 23 digits overflow
the database's integer; both used to answer 500.
"""

import pytest

from tests.conftest import TEST_PASSWORD
from volunteer_hub.ids import MAX_ID, parse_id, parse_number

HUGE = "12345678901234567890123"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        (HUGE, None),
        ("²", None),
        ("٣", None),
        ("１２", None),
        ("0", None),
        ("-1", None),
        ("1.0", None),
        ("", None),
        (None, None),
        (7, 7),
        (True, None),
    ],
)
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected


def test_parse_number_allows_zero_and_a_maximum():
    assert parse_number("0", maximum=6) == 0
    assert parse_number("6", maximum=6) == 6
    assert parse_number("7", maximum=6) is None


@pytest.mark.parametrize("bad", [HUGE, str(MAX_ID + 1), "٣", "0"])
def test_out_of_range_ids_in_urls_answer_404(admin_client, make_drive, bad):
    drive = make_drive()
    assert admin_client.get(f"/drives/{drive.id}").status_code == 200
    assert admin_client.get(f"/drives/{bad}").status_code == 404
    assert admin_client.get(f"/drives/{drive.id}/stock?item={HUGE}").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "/volunteers/?page=²",
        "/volunteers/?q=²",
        f"/volunteers/?specialty={HUGE}&weekday=²&expiring={HUGE}",
        "/drives/?page=²",
    ],
)
def test_malformed_numbers_in_queries_are_ignored(admin_client, query):
    assert admin_client.get(query).status_code == 200


def test_malformed_pledge_in_intake_is_ignored(admin_client, make_drive):
    drive = make_drive()
    for bad in ("²", HUGE):
        response = admin_client.get(f"/drives/{drive.id}/intake?pledge={bad}")
        assert response.status_code == 200


def test_merging_donors_by_a_huge_number_is_a_field_error(admin_client, make_donor):
    keep = make_donor()
    for bad in (HUGE, "²", "-3"):
        response = admin_client.post(
            "/drives/donors/merge?lang=en",
            data={"keep_id": keep.id, "duplicate_id": bad, "reason": "重复"},
        )
        assert response.status_code == 200
        assert "Enter the number shown on the record." in response.text


@pytest.mark.parametrize(
    "target", ["/staff\r\nX-Evil: 1", "/staff\nx", "/a\tb", "//[x"]
)
def test_next_with_control_characters_goes_home(client, org, make_user, target):
    make_user(email="li@example.org")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": "li@example.org", "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == "/"


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("GET", "/drives/donors/?lang=en&q=a%00b", None),
        ("GET", "/audit/?lang=en&action=a%00b", None),
        ("POST", "/volunteers/settings/notice?lang=en", {"text_zh": "a\x00b"}),
    ],
)
def test_a_nul_character_never_reaches_postgresql(admin_client, method, url, data):
    # PostgreSQL cannot compare or store text holding NUL; these failed there.
    response = admin_client.open(url, method=method, data=data, follow_redirects=True)
    assert response.status_code == 200
    if "donors" not in url:
        assert "characters that are not allowed" in response.text
