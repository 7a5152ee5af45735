"""The staff home page lists the day's work: one count per kind, each linking
to the list where the coordinator does it, shown only to staff who may open it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.outbox.services import queue_message
from volunteer_hub.resources.opportunities.services import add_document
from volunteer_hub.volunteers.models import VolunteerSpecialty

ITEMS = {
    "volunteers-pending": "/volunteers/?status=pending",
    "hours-waiting": "/volunteers/hours/waiting",
    "shifts-short": "/projects/shifts/short",
    "pledges-due": "/drives/pledges/due",
    "intakes-unreceipted": "/receipts/batches",
    "certificates-expiring": "/volunteers/?expiring=30",
    "messages-waiting": "/messages/?status=waiting",
    "documents-expiring": "/funding/documents",
}
COORDINATOR_ONLY = {"hours-waiting", "intakes-unreceipted", "messages-waiting"}


def today_items(html: str) -> dict[str, tuple[str, int]]:
    """{key: (href, count)} of the home page's cards."""
    found = re.findall(
        r'id="today-([\w-]+)">\s*<a class="today-link" href="([^"]+)">\s*'
        r'<span class="today-count">(\d+)</span>',
        html,
    )
    return {key: (href.replace("&amp;", "&"), int(n)) for key, href, n in found}


@pytest.fixture
def one_of_each(
    make_volunteer,
    make_service_record,
    make_project,
    make_shift,
    make_drive,
    make_pledge,
    make_donor_intake,
):
    make_volunteer(status="pending")
    certified = make_volunteer(skills={"elder_care": "certified"})
    make_service_record(certified, approve=False)
    specialty = db.session.scalar(
        select(VolunteerSpecialty).where(
            VolunteerSpecialty.volunteer_id == certified.id
        )
    )
    specialty.certificate_expiry = clock.now().date() + timedelta(days=10)
    make_shift(make_project(), day=clock.now().date() + timedelta(days=2), slots=2)
    drive = make_drive()
    make_pledge(drive, [(drive.items[0], 5)], expected_on=clock.now().date())
    make_donor_intake()
    queue_message(to_address=None, subject="请转交", body="您好")
    add_document(
        None,
        kind="audit",
        title="审计报告",
        expires_on=clock.now().date() + timedelta(days=20),
    )
    db.session.commit()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_count_links_to_its_list(coordinator_client, one_of_each, lang):
    html = coordinator_client.get(f"/?lang={lang}").get_data(as_text=True)
    items = today_items(html)
    assert items == {key: (href, 1) for key, href in ITEMS.items()}
    for href, _count in items.values():
        assert coordinator_client.get(href).status_code == 200
    label = "待审核的志愿者" if lang == "zh" else "Volunteers waiting for approval"
    assert label in html


def test_counts_follow_the_work(coordinator_client, make_volunteer):
    assert today_items(coordinator_client.get("/").get_data(as_text=True))[
        "volunteers-pending"
    ] == (ITEMS["volunteers-pending"], 0)
    make_volunteer(status="pending")
    make_volunteer(status="pending")
    make_volunteer(status="active")
    html = coordinator_client.get("/").get_data(as_text=True)
    assert today_items(html)["volunteers-pending"][1] == 2
    assert 'class="today-item today-none" id="today-hours-waiting"' in html


def test_viewer_sees_only_what_they_may_open(viewer_client, one_of_each):
    items = today_items(viewer_client.get("/").get_data(as_text=True))
    assert set(items) == set(ITEMS) - COORDINATOR_ONLY
    for href, _count in items.values():
        assert viewer_client.get(href).status_code == 200
    for key in COORDINATOR_ONLY:
        assert viewer_client.get(ITEMS[key]).status_code in (302, 403)


def test_only_a_live_undelivered_pledge_due_soon_counts(
    coordinator_client, make_drive, make_pledge, make_intake
):
    from volunteer_hub.drives.pledges import cancel_pledge

    drive = make_drive()
    item, yesterday = drive.items[0], clock.now().date() - timedelta(days=1)
    make_pledge(drive, [(item, 5)], expected_on=yesterday)
    make_pledge(drive, [(item, 5)])  # no date: never due
    make_pledge(drive, [(item, 5)], expected_on=yesterday + timedelta(days=30))
    cancelled = make_pledge(drive, [(item, 5)], expected_on=yesterday)
    cancel_pledge(cancelled, "捐赠人改变主意")
    delivered = make_pledge(drive, [(item, 5)], expected_on=yesterday)
    make_intake(drive, [(item, 5)], donor=delivered.donor, pledge=delivered)
    db.session.commit()
    html = coordinator_client.get("/").get_data(as_text=True)
    assert today_items(html)["pledges-due"][1] == 1


def test_each_list_shows_what_its_count_counts(coordinator_client, one_of_each):
    from volunteer_hub.drives.models import Donor, Pledge
    from volunteer_hub.drives.models_stock import Intake

    pledge = db.session.scalar(select(Pledge))
    intake = db.session.scalar(select(Intake))
    intake_donor = db.session.get(Donor, intake.donor_id)
    pages = {
        "/projects/shifts/short?lang=zh": [
            "长者居家探访周",
            "已确认 0 / 2 人，还需 2 人",
        ],
        "/drives/pledges/due?lang=zh": [pledge.donor.name, f"#{pledge.id}"],
        "/receipts/batches?lang=zh": [intake.number, intake_donor.name],
        "/volunteers/hours/waiting?lang=zh": ["志愿者", "2 小时"],
    }
    for url, texts in pages.items():
        html = coordinator_client.get(url).get_data(as_text=True)
        for text in texts:
            assert text in html, (url, text)
    waiting = coordinator_client.get("/volunteers/hours/waiting").get_data(True)
    assert "志愿者 #" not in waiting and "2.00" not in waiting
