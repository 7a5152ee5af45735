"""The chat text for a volunteers' group and the calendar file sent with invitations."""

from datetime import UTC, time, timedelta

from sqlalchemy import select

from tests.fixtures.projects import local, monday_in
from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.links import hash_secret, new_secret
from volunteer_hub.outbox.models import OutboxMessage
from volunteer_hub.projects.booking import services as booking
from volunteer_hub.projects.ics import CalendarEvent, calendar_file
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


def parse_calendar(data: bytes) -> list[dict[str, str]]:
    """The VEVENTs of an iCalendar file as {property: value}, lines unfolded
    (RFC 5545 3.1); parameters stay in the property name ("DTSTART;TZID=...")."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text[:-2].split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    unfolded = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    events, current, depth = [], None, 0
    for line in unfolded:
        name, _sep, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif line.startswith("BEGIN:V") and current is not None:
            depth += 1  # a VALARM inside the event
        elif line.startswith("END:V") and current is not None:
            depth -= 1
        elif current is not None and not depth:
            current[name] = value
    return events


def utc_stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def test_calendar_file_escapes_and_folds():
    start = local(monday_in(2), time(9))
    event = CalendarEvent(
        uid="a-1@x",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        summary="探访, 陪伴; 聊天",
        location="桃源社区\\活动室",
        description="第一行\n第二行" + "长" * 60,
    )
    data = calendar_file([event])
    lines = data.decode().split("\r\n")
    assert any(line.startswith(" ") for line in lines)
    [parsed] = parse_calendar(data)
    assert parsed["SUMMARY"] == "探访\\, 陪伴\\; 聊天"
    assert parsed["LOCATION"] == "桃源社区\\\\活动室"
    assert parsed["DESCRIPTION"] == "第一行\\n第二行" + "长" * 60
    assert parsed["DTSTART"] == utc_stamp(start)
    assert parsed["DTSTAMP"] == utc_stamp(clock.now())  # the application clock


def test_grouped_invitation_carries_one_event_per_shift(
    client, coordinator_client, proposed, two_shifts
):
    second, secret = two_shifts
    coordinator_client.post(f"/projects/{second.project_id}/invite?lang=zh")
    [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.attachment_name == "shifts.ics"
    assert "附件中的日历文件" in message.private_body
    events = parse_calendar(message.attachment)
    shifts = [proposed.shift, second]
    assert [e["DTSTART"] for e in events] == [utc_stamp(s.starts_at) for s in shifts]
    assert [e["DTEND"] for e in events] == [utc_stamp(s.ends_at) for s in shifts]
    assert len({e["UID"] for e in events}) == 2
    assert events[1]["LOCATION"] == "桃源社区活动室\\, 二楼"
    assert {e["SUMMARY"] for e in events} == {"长者居家探访周"}
    assert {e["STATUS"] for e in events} == {"TENTATIVE"}
    # The reply links are in the message text only, never in the file.
    assert "/shifts/r/" in message.private_body
    assert b"/shifts/r/" not in message.attachment and b"http" not in message.attachment

    # The personal page offers the same shifts as one download.
    page = client.get(f"/v/{secret}?lang=zh").get_data(as_text=True)
    assert f"/v/{secret}/shifts.ics" in page and "添加到手机日历" in page
    client.post(f"/v/{secret}/shifts/{proposed.id}/decline")
    download = client.get(f"/v/{secret}/shifts.ics")
    assert download.mimetype == "text/calendar"
    declined, held = parse_calendar(download.data)
    # The declined shift stays in the file, cancelled under the same UID, so
    # that importing it again takes the event off the phone's calendar.
    assert declined["UID"] == events[0]["UID"] and declined["STATUS"] == "CANCELLED"
    assert held["DTSTART"] == utc_stamp(second.starts_at)
    assert held["STATUS"] == "TENTATIVE"
    assert secret not in download.get_data(as_text=True)


def test_personal_calendar_needs_a_valid_link_and_a_shift(client, make_person):
    volunteer = make_person()
    secret = new_secret()
    volunteer.link_secret_hash = hash_secret(secret)
    db.session.commit()
    assert client.get(f"/v/{secret}/shifts.ics").status_code == 404
    assert client.get(f"/v/{secret[:-2]}xx/shifts.ics").status_code == 404
