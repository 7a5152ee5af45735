def test_fresh_install_leads_to_setup(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.location.endswith("/setup")


def test_logged_in_admin_sees_dashboard(admin_client):
    page = admin_client.get("/?lang=en").get_data(as_text=True)
    assert "Hello, Admin" in page
    assert "Audit log" in page
