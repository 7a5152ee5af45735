import pytest


def test_fresh_install_leads_to_setup(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.location.endswith("/setup")


def test_logged_in_admin_sees_dashboard(admin_client):
    page = admin_client.get("/?lang=en").get_data(as_text=True)
    assert "Hello, Admin" in page
    assert "Audit log" in page


@pytest.mark.parametrize(
    ("lang", "signup", "drives"),
    [
        ("zh", "成为志愿者", "物资募集活动"),
        ("en", "Become a volunteer", "Donation drives"),
    ],
)
def test_home_page_leads_the_public_to_signup_and_open_drives(
    client, make_drive, lang, signup, drives
):
    make_drive(title_zh="防汛救灾物资募集", title_en="Flood relief", slug="flood")
    make_drive(
        status="draft", title_zh="草稿活动", title_en="Draft drive", slug="draft"
    )
    make_drive(public=False, title_zh="内部活动", title_en="Internal", slug="internal")
    page = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert signup in page
    assert 'href="/signup"' in page
    assert drives in page
    assert 'href="/drives/flood"' in page
    assert "/drives/draft" not in page
    assert "/drives/internal" not in page


def test_home_page_without_open_drives_shows_no_drive_card(client, org):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Become a volunteer" in page
    assert 'href="/receipts/lookup"' in page
    assert "Donation drives" not in page
