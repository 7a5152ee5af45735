"""After the shift: attendance, hours waiting for approval, the certificate,
and corrected hours that stay with their project."""

import io
from datetime import timedelta
from decimal import Decimal

from pypdf import PdfReader
from sqlalchemy import func, select

from tests.fixtures.projects import invite_via_page, link_in
from volunteer_hub.extensions import db
from volunteer_hub.projects.invitations import services as invitations
from volunteer_hub.volunteers.models_hours import ServiceRecord


def test_attendance_hours_approval_and_certificate(
    app, coordinator_client, client, proposed, move_clock
):
    from volunteer_hub.volunteers.certificates import issue_certificate

    secret = link_in(invite_via_page(coordinator_client, proposed))
    client.post(f"/shifts/r/{secret}", data={"action": "confirm"})
    shift = proposed.shift
    early = coordinator_client.post(
        f"/projects/assignments/{proposed.id}/attendance?lang=en",
        data={"outcome": "attended"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "once the shift has started" in early
    move_clock(shift.ends_at + timedelta(hours=1))
    coordinator_client.post(
        f"/projects/assignments/{proposed.id}/attendance",
        data={"outcome": "attended", "hours": "2.5"},
    )
    db.session.refresh(proposed)
    entry = db.session.scalar(select(ServiceRecord))
    assert proposed.status == "attended"
    assert (entry.hours, entry.source, entry.review) == (2.5, "shift", None)
    assert (entry.assignment_id, entry.project_id) == (proposed.id, shift.project_id)
    page = coordinator_client.get(f"/projects/shifts/{shift.id}?lang=zh").get_data(
        as_text=True
    )
    assert "待审核" in page
    coordinator_client.post(f"/projects/assignments/{proposed.id}/approve")
    db.session.refresh(entry)
    assert entry.review.decision == "approved"
    day = shift.starts_at.date()
    with app.test_request_context():
        certificate = issue_certificate(
            proposed.volunteer, day - timedelta(days=1), day + timedelta(days=1)
        )
    db.session.commit()
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(certificate.pdf)).pages
    )
    assert "2.5" in text and "长者居家探访周" in text


def test_no_show_gives_no_hours_and_counts_in_attendance(
    app, coordinator_client, proposed, move_clock
):
    with app.test_request_context():
        invitations.invite(proposed)
    db.session.commit()
    move_clock(proposed.shift.ends_at + timedelta(hours=1))
    coordinator_client.post(
        f"/projects/assignments/{proposed.id}/attendance", data={"outcome": "no_show"}
    )
    db.session.refresh(proposed)
    assert proposed.status == "no_show"
    assert db.session.scalar(select(ServiceRecord)) is None
    bad = coordinator_client.post(
        f"/projects/assignments/{proposed.id}/attendance?lang=en",
        data={"outcome": "attended", "hours": "99"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "between 0.25 and 24" in bad


def test_corrected_hours_stay_with_their_project(
    make_project, make_volunteer, make_service_record
):
    from volunteer_hub.volunteers.services_hours import correct_service

    project = make_project()
    volunteer = make_volunteer()
    entry = make_service_record(volunteer, hours="4", project_id=project.id)
    reversal, replacement = correct_service(
        entry, reason="实际只服务了三小时", hours="3"
    )
    db.session.commit()
    assert (reversal.project_id, replacement.project_id) == (project.id, project.id)
    per_project = db.session.scalar(
        select(func.sum(ServiceRecord.hours)).where(
            ServiceRecord.project_id == project.id
        )
    )
    assert per_project == Decimal("3.00")
