"""Projects access: viewers read only, unknown ids, login, CSRF, admin-only weights."""

import pytest
from sqlalchemy import func, select

from tests.fixtures.projects import project_data
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Project


def test_viewers_read_but_cannot_change(viewer_client, make_project, make_shift):
    project = make_project()
    shift = make_shift(project)
    assert viewer_client.get("/projects").status_code == 200
    page = viewer_client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "shift-card" in page and f"/projects/shifts/{shift.id}" not in page
    assert viewer_client.get("/projects/new").status_code == 403
    assert viewer_client.post(f"/projects/shifts/{shift.id}/cancel").status_code == 403
    assert (
        viewer_client.get(f"/projects/shifts/{shift.id}/candidates").status_code == 403
    )


def test_unknown_ids_are_404(coordinator_client, org):
    for url in ("/projects/999", "/projects/shifts/999", "/projects/shifts/999/edit"):
        assert coordinator_client.get(url).status_code == 404
    assert (
        coordinator_client.post("/projects/assignments/999/invite").status_code == 404
    )
    assert coordinator_client.post("/projects/shifts/999/assign").status_code == 404


def test_anonymous_is_sent_to_login(client, org):
    response = client.get("/projects")
    assert response.status_code == 302 and "/login" in response.location


@pytest.mark.csrf
def test_posting_without_csrf_token_is_refused(coordinator_client, specialties):
    response = coordinator_client.post("/projects/new", data=project_data(specialties))
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Project.id))) == 0


def test_weights_admin_only_validated_and_audited(
    admin_client, coordinator_client, make_project
):
    assert coordinator_client.get("/projects/weights").status_code == 403
    data = {
        "specialty": "40",
        "certificate": "10",
        "availability": "20",
        "district": "0",
        "core": "5",
        "load": "15",
        "attendance": "10",
    }
    bad = admin_client.post("/projects/weights?lang=en", data={**data, "core": "-1"})
    assert "from 0 to 100" in bad.get_data(as_text=True)
    admin_client.post("/projects/weights", data=data)
    from volunteer_hub.projects.adapter import current_weights

    weights = current_weights()
    assert (weights.specialty, weights.district) == (40, 0)
    assert (
        db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "matching.weights")
        ).after["specialty"]
        == 40
    )
