"""Issue 14 points 1, 2 and 4 at phone size (390x844, zh-CN), without a mail
server: invitations wait in Messages, one per volunteer listing all their
shifts; the coordinator copies one and marks it passed on; the volunteer
confirms every shift with one tap; a withdrawal tells the coordinator of each
shift it emptied and the home page counts the shifts now short; the group-chat
text keeps its lines when copied."""

from __future__ import annotations

from datetime import time, timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import PASSWORD, log_in, no_horizontal_scroll
from tests.fixtures.projects import local
from volunteer_hub import clock
from volunteer_hub.extensions import db

SECRET = "m" * 43
COORDINATORS = {"li@example.org": "李华", "zhang@example.org": "张敏"}
# (project, created by, place, [(days ahead, slots, volunteers proposed)])
PROJECTS = (
    (
        "长者居家探访",
        "li@example.org",
        "桃源街道社区工作站",
        [(2, 2, ("王芳", "刘洋")), (3, 2, ("王芳",))],
    ),
    ("社区助餐", "zhang@example.org", "阳光社区食堂", [(4, 1, ("王芳",))]),
)


def _seed_volunteers() -> dict:
    from volunteer_hub.links import hash_secret
    from volunteer_hub.volunteers.profile.services import create_volunteer

    people = {}
    for n, name in enumerate(("王芳", "刘洋"), start=1):
        people[name] = create_volunteer(
            status="active", name=name, phone=f"+861390000010{n}"
        )
    people["王芳"].link_secret_hash = hash_secret(SECRET)
    return people


def _seed(live_server) -> None:
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.organisation.services import create_organisation
    from volunteer_hub.projects.booking.services import assign_volunteer
    from volunteer_hub.projects.shifts.services import create_project, create_shift

    with live_server.app.app_context():
        create_organisation(name_zh="燚火社区服务中心", name_en="Yi Fire Centre")
        staff = {
            email: create_user(
                email=email, name=name, role="coordinator", password=PASSWORD
            )
            for email, name in COORDINATORS.items()
        }
        people = _seed_volunteers()
        today = clock.now().date()
        for name, by, place, shifts in PROJECTS:
            project = create_project(
                name_zh=name, status="active", place=place, created_by=staff[by]
            )
            for days, slots, names in shifts:
                day = today + timedelta(days=days)
                shift = create_shift(
                    project,
                    starts_at=local(day, time(9)),
                    ends_at=local(day, time(11, 30)),
                    slots=slots,
                )
                for person in names:
                    assign_volunteer(shift, people[person], user=staff[by])
        db.session.commit()


def _project_url(live_server, name) -> str:
    from volunteer_hub.projects.models import Project

    with live_server.app.app_context():
        project_id = db.session.scalar(
            select(Project.id).where(Project.name_zh == name)
        )
    return live_server.url(f"/projects/{project_id}")


def _messages(live_server, **where) -> list:
    from volunteer_hub.outbox.models import OutboxMessage

    with live_server.app.app_context():
        statement = select(OutboxMessage).filter_by(**where).order_by(OutboxMessage.id)
        return [(m.to_name, m.status, m.body) for m in db.session.scalars(statement)]


def _statuses(live_server, volunteer_id=1) -> list[str]:
    """The statuses of a volunteer's assignments (王芳 is volunteer 1), soonest
    shift first."""
    from volunteer_hub.projects.models import Assignment, Shift

    with live_server.app.app_context():
        return list(
            db.session.scalars(
                select(Assignment.status)
                .join(Shift, Shift.id == Assignment.shift_id)
                .where(Assignment.volunteer_id == volunteer_id)
                .order_by(Shift.starts_at)
            )
        )


def _copied(page, button) -> str:
    """Tap a copy button; the text it put on the clipboard."""
    button.tap()
    expect(button).to_have_text("已复制 ✓")
    return page.evaluate("navigator.clipboard.readText()")


def _waiting_count(page, live_server) -> str:
    page.goto(live_server.url("/"))
    return page.locator("#today-messages-waiting .today-count").inner_text()


def test_invitations_wait_to_be_passed_on_and_one_tap_confirms(phone, live_server):
    _seed(live_server)
    phone.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url("")
    )
    log_in(phone, live_server)
    phone.goto(_project_url(live_server, "长者居家探访"))
    phone.get_by_role("button", name="发送 3 份邀请").click()
    # Nothing was e-mailed: the page says so, and where the messages wait.
    warning = phone.locator(".alert-warning")
    expect(warning).to_contain_text("2 份邀请正在")
    expect(warning).not_to_contain_text("已发送")
    # One message per volunteer: 王芳's lists both of her shifts.
    sent = _messages(live_server, subject="志愿服务邀请")
    assert [(name, status) for name, status, _ in sent] == [
        ("王芳", "stored"),
        ("刘洋", "stored"),
    ]
    assert "1. " in sent[0][2] and "2. " in sent[0][2]
    assert _waiting_count(phone, live_server) == "2"

    phone.locator("#today-messages-waiting a").click()
    expect(phone.locator("#outbox-waiting")).to_contain_text("2 条消息未通过邮件发出")
    assert no_horizontal_scroll(phone)
    phone.locator(".row", has_text="王芳").get_by_role("link").first.click()
    phone.get_by_role("button", name="显示一次链接以便转交").click()
    text = phone.locator("#message-body").input_value()
    assert text.count("/shifts/r/") == 2  # a reply link per shift
    assert _copied(phone, phone.locator("[data-copy='#message-body']")) == text
    phone.get_by_role("button", name="标记为已转交").click()
    expect(phone.locator(".alert-success")).to_contain_text("已标记为已转交")
    expect(phone.locator("#outbox-waiting")).to_contain_text("1 条消息")
    assert _waiting_count(phone, live_server) == "1"
    assert [s for name, s, _ in _messages(live_server) if name == "王芳"] == ["passed"]

    # 王芳 confirms both shifts with one tap on her personal page.
    assert _statuses(live_server) == ["invited", "invited", "proposed"]
    phone.goto(live_server.url(f"/v/{SECRET}"))
    phone.get_by_role("button", name="全部 2 个班次我都参加").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    expect(phone.locator("#shifts")).to_contain_text("已确认")
    assert no_horizontal_scroll(phone)
    assert _statuses(live_server) == ["confirmed", "confirmed", "proposed"]


def _everyone_confirmed(live_server) -> None:
    """Each project's coordinator invites; everybody says yes."""
    from volunteer_hub.auth.models import User
    from volunteer_hub.projects.invitations.services import (
        confirm_all,
        invite_proposed,
    )
    from volunteer_hub.projects.models import Project
    from volunteer_hub.volunteers.models import Volunteer

    with live_server.app.app_context():
        for project in db.session.scalars(select(Project)):
            invite_proposed(project, user=db.session.get(User, project.created_by_id))
        for volunteer in db.session.scalars(select(Volunteer)):
            confirm_all(volunteer, actor_label=f"volunteer:{volunteer.id}")
        db.session.commit()


def _short_count(page, live_server) -> str:
    page.goto(live_server.url("/"))
    return page.locator("#today-shifts-short .today-count").inner_text()


def test_a_withdrawal_tells_each_coordinator_and_shows_short_shifts(phone, live_server):
    _seed(live_server)
    _everyone_confirmed(live_server)
    log_in(phone, live_server)
    assert _short_count(phone, live_server) == "1"  # the second visit: 1 of 2

    phone.goto(live_server.url(f"/v/{SECRET}"))
    phone.locator("#withdraw").get_by_role("link", name="退出").click()
    phone.get_by_label("是的，删除我的个人信息并结束登记。").check()
    phone.get_by_role("button", name="退出").click()
    expect(phone.locator("h1")).to_be_visible()
    assert _statuses(live_server) == ["cancelled"] * 3

    # Each shift she left tells the coordinator who invited her to it.
    told = _messages(live_server, subject="有志愿者离开了班次")
    assert sorted(name for name, _status, _body in told) == ["张敏", "李华", "李华"]
    assert all("王芳" not in body for _name, _status, body in told)

    assert _short_count(phone, live_server) == "3"
    phone.locator("#today-shifts-short a").click()
    cards = phone.locator(".shift-card")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_contain_text("已确认 1 / 2 人，还需 1 人")
    expect(cards.nth(2)).to_contain_text("社区助餐")
    expect(cards.nth(2)).to_contain_text("已确认 0 / 1 人，还需 1 人")
    assert no_horizontal_scroll(phone)
    # The shift's page says why in the reader's language (no raw English note).
    cards.nth(2).get_by_role("link").first.click()
    team = phone.locator("#team")
    expect(team).to_contain_text("已撤下")
    expect(team).to_contain_text("志愿者已退出。")
    expect(team).not_to_contain_text("withdrew")


def test_the_group_chat_text_keeps_its_lines(phone, live_server):
    _seed(live_server)
    phone.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url("")
    )
    log_in(phone, live_server)
    phone.goto(_project_url(live_server, "长者居家探访"))
    phone.get_by_role("link", name="群聊通知文字").click()
    assert no_horizontal_scroll(phone)
    text = _copied(phone, phone.get_by_role("button", name="复制"))
    assert text == phone.locator("#chat-text").input_value()
    lines = text.split("\n")
    place = "桃源街道社区工作站"
    assert lines[0] == f"【长者居家探访】{place}"
    # Each shift: when and where, then who is on it, then who is still needed,
    # with a blank line before it.
    assert lines[1] == "" and lines[5] == "" and lines[9] == ""
    assert lines[2].startswith("1. ") and lines[2].endswith(f" · {place}")
    assert lines[3].strip().endswith("：王芳、刘洋")
    assert lines[4].strip() == "已满"
    assert lines[6].startswith("2. ") and lines[6].endswith(f" · {place}")
    assert lines[7].strip().endswith("：王芳")
    assert lines[8].strip() == "还需 1 人"
    assert len(lines) == 11 and lines[10]


def test_a_lost_link_says_a_coordinator_passes_it_on(phone, live_server):
    _seed(live_server)
    phone.goto(live_server.url("/signup/link"))
    expect(phone.locator("main")).to_contain_text(
        "协调员会通过电话或消息把新链接转交给您"
    )
    phone.fill("#phone", "139 0000 0102")
    phone.click("input[type=submit]")
    main = phone.locator("main")
    expect(main).to_contain_text("协调员会尽快通过电话或消息把新链接转交给您")
    expect(main).not_to_contain_text("已发送")
    assert no_horizontal_scroll(phone)
    # The coordinator finds it waiting, the link kept until shown once.
    asked = _messages(live_server, subject="有志愿者申请重新获取个人链接")
    assert [status for _name, status, _body in asked] == ["stored"]
    log_in(phone, live_server)
    assert _waiting_count(phone, live_server) == "1"
