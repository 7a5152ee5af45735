"""The chat text for a volunteers' group and the calendar file sent with invitations."""

from datetime import time, timedelta

from sqlalchemy import select

from tests.fixtures.projects import local, monday_in
from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.projects.booking import services as booking
from volunteer_hub.projects.ics import calendar_file
from volunteer_hub.projects.models import Assignment


def test_invite_all_and_chat_message(coordinator_client, proposed, make_person):
    shift = proposed.shift
    booking.assign_volunteer(shift, make_person(name="张伟"))
    db.session.commit()
    coordinator_client.post(f"/projects/{shift.project_id}/invite")
    assert set(db.session.scalars(select(Assignment.status))) == {"invited"}
    assert len(db.session.scalars(select(OutboxMessage)).all()) == 2
    page = coordinator_client.get(f"/projects/{shift.project_id}/chat?lang=zh")
    text = page.get_data(as_text=True)
    assert "【长者居家探访周】" in text and "李秀英" in text and "张伟" in text
    assert "/shifts/r/" not in text and "+86" not in text


def test_chat_text_reads_well_in_a_chat_group(
    app, coordinator_client, proposed, make_shift, make_person
):
    from flask_babel import force_locale

    from volunteer_hub.projects.invitations.chat import chat_text
    from volunteer_hub.projects.labels import shift_when

    shift = proposed.shift
    booking.assign_volunteer(shift, make_person(name="张伟"))
    later = make_shift(
        shift.project,
        start=time(14),
        end=time(17),
        specialty=None,
        place="桃源社区活动室",
        slots=2,
    )
    db.session.commit()
    with app.test_request_context("/"), force_locale("zh_Hans"):
        zh = chat_text(shift.project, [shift, later])
        first, second = shift_when(shift), shift_when(later)
    assert zh == (
        "【长者居家探访周】南山区桃源街道\n\n"
        f"1. {first} · 南山区桃源街道\n"
        "   已安排：李秀英、张伟\n"
        "   已满\n\n"
        f"2. {second} · 桃源社区活动室\n"
        "   还需 2 人\n\n"
        "能来帮忙的请回复协调员，谢谢！"
    )
    with app.test_request_context("/"), force_locale("en"):
        en = chat_text(shift.project, [shift, later])
        first, second = shift_when(shift), shift_when(later)
    assert en == (
        "【Home visits to elders】南山区桃源街道\n\n"
        f"1. {first} · 南山区桃源街道\n"
        "   On the shift: 李秀英, 张伟\n"
        "   Full\n\n"
        f"2. {second} · 桃源社区活动室\n"
        "   Still needed: 2\n\n"
        "Reply to the coordinator if you can help. Thank you!"
    )


def test_calendar_file_escapes_and_folds():
    start = local(monday_in(2), time(9))
    data = calendar_file(
        uid="a-1@x",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        summary="探访, 陪伴; 聊天",
        description="第一行\n第二行" + "长" * 60,
    ).decode()
    assert "SUMMARY:探访\\, 陪伴\\; 聊天" in data and "\\n第二行" in data
    lines = data.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    assert clock.now()  # the stamp comes from the application clock
