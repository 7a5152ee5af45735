"""Service hours (append-only, approval, corrections) and certificates."""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.fixtures.pdf import pdf_text
from volunteer_hub.audit.models import AppendOnlyError
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.certificates.models import ServiceCertificate
from volunteer_hub.volunteers.hours.models import ServiceRecord, ServiceReview
from volunteer_hub.volunteers.hours.services import (
    approve_service,
    approved_hours,
    correct_service,
    effective_records,
    record_service,
    reject_service,
)


def test_coordinator_records_hours_which_count_at_once(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer()
    response = coordinator_client.post(
        f"/volunteers/{volunteer.id}/hours",
        data={
            "served_on": "2026-03-02",
            "hours": "2.5",
            "description": "敬老院探访",
            "note": "带了水果",
        },
    )
    assert response.status_code == 302
    entry = db.session.scalar(select(ServiceRecord))
    assert (entry.hours, entry.source, entry.entered_by_id) == (
        Decimal("2.50"),
        "manual",
        coordinator_client.user.id,
    )
    assert entry.review.decision == "approved"
    assert approved_hours(volunteer.id) == Decimal("2.50")
    page = coordinator_client.get(f"/volunteers/{volunteer.id}?lang=zh").get_data(
        as_text=True
    )
    assert "敬老院探访" in page and "2.50" in page


@pytest.mark.parametrize("hours", ["0", "-1", "25", "abc", "1.1", "NaN", "1e400", ""])
def test_bad_hours_change_nothing(coordinator_client, make_volunteer, hours):
    volunteer = make_volunteer()
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/hours",
        data={"served_on": "2026-03-02", "hours": hours, "description": "x"},
    )
    assert db.session.scalar(select(func.count(ServiceRecord.id))) == 0


def test_future_date_is_refused(make_volunteer):
    volunteer = make_volunteer()
    with pytest.raises(DomainError):
        record_service(volunteer, served_on=date(2999, 1, 1), hours=1, description="x")


def test_records_are_append_only(make_volunteer, make_service_record):
    entry = make_service_record(make_volunteer())
    entry.hours = Decimal("9")
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(ServiceRecord, entry.id))
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()


def test_shift_hours_wait_for_approval(coordinator_client, make_volunteer):
    volunteer = make_volunteer()
    entry = record_service(
        volunteer,
        served_on=date(2026, 4, 1),
        hours="3",
        description="周末义诊",
        source="shift",
        entered_label="shift:7",
    )
    db.session.commit()
    assert approved_hours(volunteer.id) == 0
    page = coordinator_client.get("/volunteers/hours/waiting").get_data(as_text=True)
    assert "周末义诊" in page
    coordinator_client.post(
        f"/volunteers/hours/{entry.id}/review", data={f"r{entry.id}-approve": "1"}
    )
    assert approved_hours(volunteer.id) == Decimal("3.00")
    # A second review is refused.
    coordinator_client.post(
        f"/volunteers/hours/{entry.id}/review",
        data={f"r{entry.id}-reject": "1", f"r{entry.id}-note": "重复"},
    )
    assert db.session.scalar(select(func.count(ServiceReview.id))) == 1


def test_rejecting_needs_a_reason(make_volunteer):
    volunteer = make_volunteer()
    entry = record_service(
        volunteer, served_on=date(2026, 4, 1), hours=1, description="x", source="shift"
    )
    with pytest.raises(DomainError):
        reject_service(entry, note="")
    reject_service(entry, note="没有到场")
    assert approved_hours(volunteer.id) == 0


def test_correction_is_a_reversal_and_a_replacement(
    coordinator_client, make_volunteer, make_service_record
):
    volunteer = make_volunteer()
    entry = make_service_record(volunteer, hours="4")
    response = coordinator_client.post(
        f"/volunteers/hours/{entry.id}/correct",
        data={
            "served_on": "2026-03-01",
            "hours": "3",
            "description": "社区探访",
            "reason": "实际只服务了三小时",
        },
    )
    assert response.status_code == 302
    rows = db.session.scalars(select(ServiceRecord).order_by(ServiceRecord.id)).all()
    assert [(r.hours, r.reverses_id, r.replaces_id) for r in rows] == [
        (Decimal("4.00"), None, None),
        (Decimal("-4.00"), entry.id, None),
        (Decimal("3.00"), None, entry.id),
    ]
    assert rows[1].reason == rows[2].reason == "实际只服务了三小时"
    assert approved_hours(volunteer.id) == Decimal("3.00")
    assert [r.id for r in effective_records(volunteer.id)] == [rows[2].id]
    # The old entry can no longer be corrected; a correction needs a reason.
    with pytest.raises(DomainError):
        correct_service(db.session.get(ServiceRecord, entry.id), reason="again")
    with pytest.raises(DomainError):
        correct_service(rows[2], reason=" ")


def test_correcting_waiting_hours_rejects_the_old_and_waits(make_volunteer):
    volunteer = make_volunteer()
    entry = record_service(
        volunteer, served_on=date(2026, 4, 1), hours=5, description="x", source="shift"
    )
    _reversal, new = correct_service(entry, reason="签到时间有误", hours="4")
    assert entry.review.decision == "rejected"
    assert new.review is None and approved_hours(volunteer.id) == 0
    approve_service(new)
    assert approved_hours(volunteer.id) == Decimal("4.00")


def test_cancel_takes_hours_back(make_volunteer, make_service_record):
    volunteer = make_volunteer()
    entry = make_service_record(volunteer, hours="2")
    reversal, new = correct_service(entry, reason="录错了人", cancel=True)
    assert new is None and reversal.hours == Decimal("-2.00")
    assert approved_hours(volunteer.id) == 0


def test_approved_hours_by_period(make_volunteer, make_service_record):
    volunteer = make_volunteer()
    make_service_record(volunteer, hours="1", served_on=date(2025, 12, 31))
    make_service_record(volunteer, hours="2", served_on=date(2026, 1, 1))
    make_service_record(volunteer, hours="3", served_on=date(2026, 6, 30))
    assert approved_hours(volunteer.id, date(2026, 1, 1), date(2026, 12, 31)) == 5
    assert approved_hours() == 6


@pytest.fixture
def request_context(app):
    """Services that build absolute links (QR codes) outside a view need one."""
    with app.test_request_context("/"):
        yield


def test_certificate_pdf_shows_name_hours_and_number(
    coordinator_client, make_volunteer, make_service_record
):
    volunteer = make_volunteer(name="王燚")
    make_service_record(
        volunteer, hours="2.5", served_on=date(2026, 2, 1), description="助老探访"
    )
    make_service_record(
        volunteer, hours="4", served_on=date(2026, 3, 1), description="社区义诊"
    )
    response = coordinator_client.post(
        f"/volunteers/{volunteer.id}/certificates",
        data={"period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    assert response.status_code == 302
    certificate = db.session.scalar(select(ServiceCertificate))
    assert re.fullmatch(r"ZS-\d{4}-00001", certificate.number)
    assert certificate.total_hours == Decimal("6.50")
    text = pdf_text(certificate.pdf)
    for expected in (
        "王燚",
        "6.50",
        certificate.number,
        "助老探访",
        "社区义诊",
        "志愿服务记录证明",
        "Volunteer Service Certificate",
        certificate.verification_code,
    ):
        assert expected in text
    download = coordinator_client.get(
        f"/volunteers/{volunteer.id}/certificates/{certificate.id}.pdf"
    )
    assert download.data == certificate.pdf
    assert download.mimetype == "application/pdf"
    # Same period and hours: the same certificate, no new number.
    coordinator_client.post(
        f"/volunteers/{volunteer.id}/certificates",
        data={"period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    assert db.session.scalar(select(func.count(ServiceCertificate.id))) == 1


def test_certificate_numbers_have_no_gaps(
    request_context, make_volunteer, make_service_record
):
    from volunteer_hub.volunteers.certificates.services import issue_certificate

    volunteer = make_volunteer()
    make_service_record(volunteer, hours="1", served_on=date(2026, 1, 5))
    first = issue_certificate(volunteer, date(2026, 1, 1), date(2026, 1, 31))
    with pytest.raises(DomainError):
        issue_certificate(volunteer, date(2026, 2, 1), date(2026, 2, 28))  # no hours
    second = issue_certificate(volunteer, date(2026, 1, 1), date(2026, 12, 31))
    assert [first.number[-5:], second.number[-5:]] == ["00001", "00002"]


def test_verification_page(
    request_context, client, make_volunteer, make_service_record
):
    from volunteer_hub.volunteers.certificates.services import issue_certificate

    volunteer = make_volunteer(name="王小燚")
    make_service_record(volunteer, hours="3", served_on=date(2026, 1, 5))
    certificate = issue_certificate(volunteer, date(2026, 1, 1), date(2026, 1, 31))
    db.session.commit()
    page = client.get(f"/certificates/verify/{certificate.verification_code}?lang=zh")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert certificate.number in text and "王*燚" in text and "3.00" in text
    assert "王小燚" not in text
    assert client.get("/certificates/verify/nope").status_code == 404
    assert client.get("/certificates/verify/" + "x" * 500).status_code == 404


def test_certificate_masks_id_number_unless_required(
    request_context, make_volunteer, make_service_record
):
    from volunteer_hub.volunteers.admin.services import update_settings
    from volunteer_hub.volunteers.certificates.services import issue_certificate
    from volunteer_hub.volunteers.profile.services import update_profile

    volunteer = make_volunteer()
    update_profile(volunteer, id_number="11010519491231002X")
    make_service_record(volunteer, hours="3", served_on=date(2026, 1, 5))
    masked = issue_certificate(volunteer, date(2026, 1, 1), date(2026, 1, 31))
    assert "110***********002X" in pdf_text(masked.pdf)
    assert "11010519491231002X" not in pdf_text(masked.pdf)
    update_settings(certificate_full_id=True)
    full = issue_certificate(volunteer, date(2026, 1, 1), date(2026, 2, 28))
    assert "11010519491231002X" in pdf_text(full.pdf)
