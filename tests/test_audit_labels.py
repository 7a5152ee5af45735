"""What the audit log and the history panels show instead of stored codes, and
lists joined the way each language writes them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from markupsafe import Markup
from sqlalchemy import select

from volunteer_hub.audit.actions import ACTION_LABELS
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.audit.services import record
from volunteer_hub.extensions import db
from volunteer_hub.lists import join_list, join_list_markup

SOURCE = Path(__file__).parents[1] / "volunteer_hub"
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
# Codes a service builds from a value; each value it can take is listed.
BUILT_CODES = {
    "assignment.{status}": ("assignment.cancelled", "assignment.declined"),
    "drive.{status}": ("drive.open", "drive.closed", "drive.reopen"),
    "organisation.{kind}_upload": (
        "organisation.logo_upload",
        "organisation.seal_upload",
    ),
    "organisation.{kind}_remove": (
        "organisation.logo_remove",
        "organisation.seal_remove",
    ),
}


def written_action_codes() -> set[str]:
    """Every string literal that can be the first argument of ``record(...)``,
    plus those a service puts in a variable named ``action`` first."""
    codes = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record":
                codes |= literals(node.args[0]) if node.args else set()
            elif isinstance(node, ast.Assign) and any(
                getattr(t, "id", "") == "action" for t in node.targets
            ):
                codes |= literals(node.value)
    return codes


def literals(node) -> set[str]:
    """The codes in ``node``; an f-string as its template (``drive.{status}``)."""
    found = set()
    for part in ast.walk(node):
        if isinstance(part, ast.JoinedStr):
            found.add(template(part))
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            found |= {part.value} if CODE.match(part.value) else set()
    return found


def template(node: ast.JoinedStr) -> str:
    return "".join(
        p.value if isinstance(p, ast.Constant) else f"{{{ast.unparse(p.value)}}}"
        for p in node.values
    )


def test_every_action_the_application_writes_has_words():
    codes = written_action_codes()
    built = {code for code in codes if "{" in code}
    assert built == set(BUILT_CODES), "list what the new built code can be"
    codes = (codes - built).union(*BUILT_CODES.values())
    assert len(codes) > 80
    missing = sorted(code for code in codes if code not in ACTION_LABELS)
    assert not missing, f"add these to volunteer_hub/audit/actions.py: {missing}"


@pytest.mark.parametrize(
    ("lang", "action", "record_text", "actor", "note"),
    [
        (
            "en",
            "Core volunteer status changed",
            "Volunteer 林静",
            "Volunteer #",
            "The volunteer withdrew.",
        ),
        ("zh", "核心志愿者身份已变更", "志愿者 林静", "志愿者 #", "该志愿者已退出。"),
    ],
)
def test_audit_log_reads_in_the_users_language(
    admin_client, make_volunteer, lang, action, record_text, actor, note
):
    volunteer = make_volunteer(name="林静")
    record(
        "volunteer.core",
        volunteer,
        after={"is_core": True, "source_key": "statement:donor:5:year:2026"},
        actor_label=f"volunteer:{volunteer.id}",
        note="volunteer withdrew",
    )
    db.session.commit()
    page = admin_client.get(
        f"/audit/?entity_type=volunteers&entity_id={volunteer.id}&lang={lang}"
    ).get_data(as_text=True)
    assert action in page and record_text in page
    assert f'href="/volunteers/{volunteer.id}"' in page
    assert f"{actor}{volunteer.id}" in page and note in page
    assert "volunteer.core" not in page and f"volunteer:{volunteer.id}" not in page
    assert "statement:donor" not in page and "is_core" not in page
    if lang == "en":
        assert "Core volunteer" in page and "Yes" in page
        assert "Yearly statement · Donor #5 · Year 2026" in page
    else:
        assert "核心志愿者" in page and "是" in page
        assert "年度汇总确认书 · 捐赠人 #5 · 年份 2026" in page


@pytest.mark.parametrize(
    ("lang", "history"),
    [("en", "Volunteer entered by staff"), ("zh", "工作人员录入了志愿者")],
)
def test_volunteer_history_names_actions_in_words(
    admin_client, make_volunteer, lang, history
):
    volunteer = make_volunteer(name="周婷")
    page = admin_client.get(f"/volunteers/{volunteer.id}?lang={lang}").get_data(
        as_text=True
    )
    codes = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_id == str(volunteer.id))
    ).all()
    assert "volunteer.create" in codes
    assert history in page and "volunteer.create" not in page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Elder care, Legal aid, and Medical"), ("zh", "助老、法律和医疗")],
)
def test_lists_are_joined_as_the_language_writes_them(app, lang, expected):
    items = {
        "en": ["Elder care", "Legal aid", "Medical"],
        "zh": ["助老", "法律", "医疗"],
    }[lang]
    with app.test_request_context(f"/?lang={lang}"):
        app.preprocess_request()
        assert join_list(items) == expected
        assert join_list([items[0]]) == items[0] and join_list([]) == ""
        # In templates: what a user typed is escaped, a link built there is kept.
        joined = join_list_markup(["<b>", Markup('<a href="/x">x</a>')])
        assert "&lt;b&gt;" in joined and '<a href="/x">x</a>' in joined


def test_partner_resources_are_listed_without_a_chinese_comma_in_english(
    admin_client, make_partner
):
    partner = make_partner(resource_kinds=["funds", "people", "media"])
    english = admin_client.get(f"/partners/{partner.id}?lang=en").get_data(as_text=True)
    chinese = admin_client.get(f"/partners/{partner.id}?lang=zh").get_data(as_text=True)
    assert "、" not in english.split("<main", 1)[1]
    assert "Funds, People, and Media" in english
    assert "资金、人和媒体" in chinese


def test_changes_name_records_and_people_and_leave_out_what_stayed(
    admin_client, make_volunteer
):
    volunteer = make_volunteer(name="林静")
    staff = admin_client.user
    record(
        "volunteer.update",
        volunteer,
        before={"district": "南山区", "status": "pending", "partner_id": 5},
        after={
            "district": "南山区",
            "status": "active",
            "partner_id": 6,
            "created_by_id": staff.id,
            "created_at": "2026-03-02T01:30:00+00:00",
        },
    )
    db.session.commit()
    page = admin_client.get(
        f"/audit/?entity_type=volunteers&entity_id={volunteer.id}&lang=en"
    ).get_data(as_text=True)
    changes = page.split("Volunteer details changed", 1)[1].split("</details>", 1)[0]
    assert "Waiting for approval" in changes and "Active" in changes
    assert "Partner #5" in changes and "Partner #6" in changes
    assert "Created by" in changes and f"<ins>{staff.name}</ins>" in changes
    # Stored in UTC, shown in the organisation's zone (Asia/Shanghai).
    assert "2026-03-02T01:30" not in changes and "3/2/26, 9:30" in changes
    assert "District" not in changes and "南山区" not in changes


@pytest.mark.parametrize("entity_id", ["²", "9" * 23, "-3", "x"])
def test_an_event_about_an_odd_record_id_is_listed_without_a_link(
    admin_client, org, entity_id
):
    """Ids are written by the application, but the log must show whatever a
    row holds: a superscript digit or 23 digits once made this page fail."""
    record("volunteer.core", None, entity_type="volunteers", entity_id=entity_id)
    db.session.commit()
    response = admin_client.get("/audit/?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Core volunteer" in page and f'href="/volunteers/{entity_id}' not in page


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("Reminder withdrawn", "Reminder message", "Message ")),
        ("zh", ("提醒已撤回", "提醒消息", "消息 ")),
    ],
)
def test_a_withdrawn_reminder_names_its_message_in_words(
    admin_client, org, lang, words
):
    """The event once carried the note "reminder 12", untranslated."""
    record(
        "outbox.withdraw",
        None,
        entity_type="assignments",
        entity_id=7,
        before={"reminder_message_id": 12},
    )
    db.session.commit()
    page = admin_client.get(f"/audit/?lang={lang}").get_data(as_text=True)
    changes = page.split(words[0], 1)[1].split("</details>", 1)[0]
    assert f"<dt>{words[1]}</dt>" in changes and f"<del>{words[2]}#12</del>" in changes
    assert "reminder 12" not in page and "reminder_message_id" not in page
