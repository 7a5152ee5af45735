"""Drives, goals and their history, status workflow, access rules."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.drives.models import Drive, DriveItem, DriveItemRevision
from volunteer_hub.extensions import db

DRIVE_FORM = {
    "title_zh": "洪灾救援物资募集",
    "title_en": "Flood relief",
    "slug": "flood-2026",
    "purpose": "为受灾乡镇募集饮用水和棉被",
    "beneficiary": "受灾群众",
    "public": "y",
}


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_coordinator_creates_a_drive_in_draft(coordinator_client):
    response = coordinator_client.post("/drives/new", data=DRIVE_FORM)
    drive = db.session.scalar(select(Drive))
    assert response.status_code == 302
    assert response.location.endswith(f"/drives/{drive.id}")
    assert (drive.slug, drive.status, drive.public) == ("flood-2026", "draft", True)
    page = coordinator_client.get(f"/drives/{drive.id}").get_data(as_text=True)
    assert "洪灾救援物资募集" in page and "草稿" in page
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "drive.create")
    )


@pytest.mark.parametrize(
    "slug,message",
    [
        ("Flood Relief", "小写字母"),
        ("new", "保留"),
        ("12345", "小写字母"),
        ("<script>", "小写字母"),
        ("a" * 100_000, "80"),
    ],
)
def test_bad_slugs_are_refused(coordinator_client, slug, message):
    response = coordinator_client.post("/drives/new", data={**DRIVE_FORM, "slug": slug})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _count(Drive) == 0


def test_a_slug_is_used_once(coordinator_client, make_drive):
    make_drive(slug="flood-2026")
    response = coordinator_client.post("/drives/new", data=DRIVE_FORM)
    assert "已有其他募集活动使用" in response.get_data(as_text=True)
    assert _count(Drive) == 1


def test_restricted_drive_needs_its_purpose_and_dates_in_order(coordinator_client):
    data = {
        **DRIVE_FORM,
        "restricted": "y",
        "starts_on": "2026-07-10",
        "ends_on": "2026-07-01",
    }
    page = coordinator_client.post("/drives/new", data=data).get_data(as_text=True)
    assert "结束日期" in page
    data["ends_on"] = "2026-07-17"
    page = coordinator_client.post("/drives/new", data=data).get_data(as_text=True)
    assert "限定用途" in page
    assert _count(Drive) == 0


def test_status_workflow_open_close_and_audited_reopen(coordinator_client, make_drive):
    drive = make_drive(status="draft", goals=())
    url = f"/drives/{drive.id}/status"
    coordinator_client.post(url, data={"status": "open"})
    assert db.session.get(Drive, drive.id).status == "draft"  # no goals yet
    coordinator_client.post(
        f"/drives/{drive.id}/items/new",
        data={
            "name_zh": "棉被",
            "unit": "床",
            "target_quantity": "200",
            "priority": "1",
        },
    )
    coordinator_client.post(url, data={"status": "open"})
    assert db.session.get(Drive, drive.id).status == "open"
    coordinator_client.post(url, data={"status": "closed"})
    assert db.session.get(Drive, drive.id).status == "closed"
    coordinator_client.post(url, data={"status": "open", "reason": ""})
    assert db.session.get(Drive, drive.id).status == "closed"
    coordinator_client.post(url, data={"status": "open", "reason": "又收到求助"})
    assert db.session.get(Drive, drive.id).status == "open"
    reopen = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "drive.reopen")
    )
    assert reopen.note == "又收到求助"


def test_goal_changes_keep_their_history(coordinator_client, make_drive):
    drive = make_drive()
    item = drive.items[0]
    response = coordinator_client.post(
        f"/drives/items/{item.id}",
        data={
            "name_zh": "饮用水",
            "unit": "箱",
            "target_quantity": "25",
            "priority": "1",
            "reason": "灾情扩大",
        },
    )
    assert response.status_code == 302
    revisions = db.session.scalars(
        select(DriveItemRevision)
        .where(DriveItemRevision.drive_item_id == item.id)
        .order_by(DriveItemRevision.id)
    ).all()
    assert [r.target_quantity for r in revisions] == [Decimal(10), Decimal(25)]
    assert revisions[-1].reason == "灾情扩大"
    page = coordinator_client.get(f"/drives/items/{item.id}").get_data(as_text=True)
    assert "灾情扩大" in page and "10 箱" in page and "25 箱" in page


@pytest.mark.parametrize("target", ["-5", "1e20", "abc", "NaN", "9" * 100_000])
def test_bad_targets_change_nothing(coordinator_client, make_drive, target):
    drive = make_drive()
    response = coordinator_client.post(
        f"/drives/{drive.id}/items/new",
        data={
            "name_zh": "帐篷",
            "unit": "顶",
            "target_quantity": target,
            "priority": "2",
        },
    )
    assert response.status_code == 200
    assert _count(DriveItem) == 1


def test_a_closed_drive_takes_no_goal_changes(coordinator_client, make_drive):
    drive = make_drive(status="closed")
    item = drive.items[0]
    page = coordinator_client.post(
        f"/drives/items/{item.id}",
        data={
            "name_zh": "饮用水",
            "unit": "箱",
            "target_quantity": "99",
            "priority": "2",
        },
    ).get_data(as_text=True)
    assert "已结束" in page
    assert db.session.get(DriveItem, item.id).target_quantity == Decimal(10)


STAFF_PAGES = [
    ("GET", "/drives/", "viewer"),
    ("GET", "/drives/{drive}", "viewer"),
    ("GET", "/drives/{drive}/stock", "viewer"),
    ("GET", "/drives/donors/", "viewer"),
    ("GET", "/drives/new", "coordinator"),
    ("GET", "/drives/{drive}/intake", "coordinator"),
    ("POST", "/drives/{drive}/intake", "coordinator"),
    ("POST", "/drives/{drive}/status", "coordinator"),
    ("GET", "/drives/{drive}/distributions/new", "coordinator"),
    ("POST", "/drives/{drive}/stock/adjust", "coordinator"),
    ("GET", "/drives/donors/merge", "coordinator"),
]
RANK = {None: 0, "viewer": 1, "coordinator": 2, "admin": 3}


@pytest.mark.parametrize("role", [None, "viewer", "coordinator"])
@pytest.mark.parametrize("method,path,needed", STAFF_PAGES)
def test_role_checks(client, client_as, make_drive, role, method, path, needed):
    drive = make_drive()
    http = client_as(role) if role else client
    response = http.open(path.format(drive=drive.id), method=method, data={})
    if role is None:
        assert response.status_code == 302 and "/login" in response.location
    elif RANK[role] < RANK[needed]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize(
    "path",
    [
        "/drives/999999",
        "/drives/items/999999",
        "/drives/intakes/999999",
        "/drives/pledges/999999",
        "/drives/donors/999999",
        "/drives/points/999999",
        "/drives/distributions/999999",
        "/drives/no-such-drive",
    ],
)
def test_unknown_ids_are_404(coordinator_client, path):
    assert coordinator_client.get(path).status_code == 404


@pytest.mark.parametrize("lang,text", [("zh", "募集活动"), ("en", "Donation drives")])
def test_staff_pages_in_both_languages(coordinator_client, make_drive, lang, text):
    drive = make_drive()
    page = coordinator_client.get(f"/drives/?lang={lang}").get_data(as_text=True)
    assert text in page
    detail = coordinator_client.get(f"/drives/{drive.id}?lang={lang}")
    assert detail.status_code == 200
    assert ("仍需" if lang == "zh" else "Still needed") in detail.get_data(as_text=True)


def test_demo_data_tells_a_consistent_story(client, app):
    from volunteer_hub.demo import run_loaders
    from volunteer_hub.drives.queries import item_progress

    context = run_loaders()
    db.session.commit()
    drive, winter = context["drives"]
    rows = {r.item.name_en or r.item.name_zh: r for r in item_progress(drive)}
    water = rows["Bottled water (24 × 550 ml)"]
    assert (water.goal, water.received, water.accepted) == (600, 200, 190)
    assert (water.distributed, water.on_hand) == (170, 20)
    assert rows["Quilt"].accepted == 153 and rows["雨衣"].on_hand == 0
    page = client.get("/drives/flood-relief-2026?lang=en").get_data(as_text=True)
    assert "Flood relief, July 2026" in page and "410 箱 still needed" in page
    # The second drive's accepted intakes wait for a receipt batch.
    from volunteer_hub.receipts.batch import intake_keys

    assert len(intake_keys(winter)) == 5 and intake_keys(drive) == []
