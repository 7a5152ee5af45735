"""Staff management by admins, and who may open which staff page."""

import pytest
from sqlalchemy import select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.auth.models import User
from volunteer_hub.extensions import db

# (method, path, minimum role) for every foundation staff route.
STAFF_ROUTES = [
    ("GET", "/", None),
    ("GET", "/account/password", "viewer"),
    ("GET", "/messages/", "coordinator"),
    ("GET", "/staff", "admin"),
    ("GET", "/staff/new", "admin"),
    ("POST", "/staff/new", "admin"),
    ("GET", "/organisation/", "admin"),
    ("POST", "/organisation/", "admin"),
    ("POST", "/organisation/image/logo", "admin"),
    ("POST", "/organisation/image/seal/remove", "admin"),
    ("GET", "/organisation/seal.png", "admin"),
    ("GET", "/audit/", "admin"),
]
RANK = {None: 0, "viewer": 1, "coordinator": 2, "admin": 3}


@pytest.mark.parametrize("role", [None, "viewer", "coordinator", "admin"])
@pytest.mark.parametrize("method,path,needed", STAFF_ROUTES)
def test_role_checks(client, client_as, org, role, method, path, needed):
    http = client_as(role) if role else client
    response = http.open(path, method=method, data={})
    if needed is None:
        assert response.status_code == 200
    elif role is None:
        assert response.status_code == 302 and "/login" in response.location
    elif RANK[role] < RANK[needed]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302, 400, 404)


def test_every_staff_view_carries_a_role_check(app):
    """A new staff route without ``role_required`` fails this test."""
    public = {
        "static",
        "main.index",
        "main.healthz",
        "auth.setup",
        "auth.login",
        "auth.logout",
        "auth.accept_invitation",
        "organisation.logo",
        "auth.change_password",
    }
    missing = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        module = getattr(view, "__module__", "")
        if rule.endpoint in public or getattr(view, "required_role", None):
            continue
        if getattr(view, "public", False):
            continue
        missing.append(f"{rule.endpoint} ({module})")
    assert missing == [], "staff routes without a role check: " + ", ".join(missing)


def test_admin_changes_role_and_deactivates(admin_client, make_user):
    user = make_user(role="coordinator", name="李华")
    response = admin_client.post(
        f"/staff/{user.id}", data={"name": "李华", "role": "viewer", "active": ""}
    )
    assert response.status_code == 302
    user = db.session.get(User, user.id)
    assert (user.role, user.active) == ("viewer", False)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "user.update")
    )
    assert event.before["role"] == "coordinator" and event.after["role"] == "viewer"
    assert event.actor_id == admin_client.user.id


def test_the_last_admin_cannot_demote_themselves(admin_client):
    me = admin_client.user
    page = admin_client.post(
        f"/staff/{me.id}?lang=en",
        data={"name": me.name, "role": "viewer", "active": "y"},
    ).get_data(as_text=True)
    assert "At least one active admin must remain." in page
    assert db.session.get(User, me.id).role == "admin"


def test_duplicate_email_is_refused_next_to_the_field(admin_client, make_user):
    make_user(email="li@example.org")
    page = admin_client.post(
        "/staff/new?lang=en",
        data={"name": "X", "email": "LI@example.org", "role": "viewer"},
    ).get_data(as_text=True)
    assert "This e-mail address already has an account." in page
    assert 'aria-invalid="true"' in page
    assert db.session.scalar(select(User).where(User.name == "X")) is None


def test_script_tags_in_names_are_shown_as_text(admin_client, make_user):
    make_user(name="<script>alert(1)</script>")
    page = admin_client.get("/staff").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("name", ["", "x" * 101, "bad\x00name"])
def test_invalid_names_are_refused(admin_client, name):
    response = admin_client.post(
        "/staff/new", data={"name": name, "email": "n@example.org", "role": "viewer"}
    )
    assert response.status_code == 200
    assert db.session.scalar(select(User).where(User.email == "n@example.org")) is None


def test_unknown_staff_id_is_404(admin_client):
    assert admin_client.get("/staff/999999").status_code == 404
    assert admin_client.get("/staff/abc").status_code == 404
