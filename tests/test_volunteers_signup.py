"""Public sign-up: fields, validation, duplicates, double submits, the link."""

import re

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from
from tests.fixtures.volunteers import signup_data, volunteer_count
from volunteer_hub.extensions import db
from volunteer_hub.links import hash_secret
from volunteer_hub.volunteers.models import Volunteer


def test_signup_form_renders_in_both_languages(client, org, specialties):
    zh = client.get("/signup?lang=zh").get_data(as_text=True)
    assert "成为志愿者" in zh and "助老服务" in zh and "隐私" in zh
    assert 'type="tel"' in zh and 'autocomplete="tel"' in zh
    assert "照护与健康" in zh  # specialties grouped by category
    en = client.get("/signup?lang=en").get_data(as_text=True)
    assert "Become a volunteer" in en and "Elder care" in en
    assert "Care and health" in en


def test_signup_asks_only_what_a_coordinator_needs_to_call_back(
    client, org, specialties
):
    page = client.get("/signup?lang=zh").get_data(as_text=True)
    form = page[page.index('<form method="post" action="/signup"') :]
    form = form[: form.index("</form>")]
    names = set(re.findall(r'name="(\w+)"', form)) - {"csrf_token", "token", "submit"}
    levels = {n for n in names if n.startswith("level_")}
    assert names - levels == {"name", "phone", "specialties", "district", "consent"}
    assert "<select" not in page  # no dropdown per specialty any more
    assert page.count('type="checkbox" name="specialties"') == len(specialties)
    for absent in ("email", "slots", "max_hours_per_month", "intro", "id_number"):
        assert f'name="{absent}"' not in page


def test_a_level_is_kept_only_for_ticked_specialties(client, org, specialties):
    care, law = specialties["elder_care"].id, specialties["legal"].id
    data = signup_data(
        specialties,
        specialties=[care],
        **{f"level_{care}": "experienced", f"level_{law}": "experienced"},
    )
    assert client.post("/signup", data=data).status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    assert [(s.specialty.code, s.level) for s in volunteer.specialties] == [
        ("elder_care", "experienced")
    ]


def test_without_javascript_a_ticked_specialty_is_interested(client, org, specialties):
    """A browser without JavaScript posts the default level of each radio group."""
    page = client.get("/signup").get_data(as_text=True)
    care = specialties["elder_care"].id
    # Each radio group starts at "interested", so a page without scripts posts it.
    assert re.search(
        rf'<input checked id="level_{care}-0"[^>]*value="interested"', page
    )
    data = signup_data(specialties, specialties=[care])
    data.pop(f"level_{specialties['medical'].id}")
    assert client.post("/signup", data=data).status_code == 302
    (link,) = db.session.scalar(select(Volunteer)).specialties
    assert link.level == "experienced"
    data = signup_data(
        specialties, specialties=[care], token="u" * 43, phone="13900139000"
    )
    data.pop(f"level_{care}")
    data.pop(f"level_{specialties['medical'].id}")
    client.post("/signup", data=data)
    newest = db.session.scalars(select(Volunteer).order_by(Volunteer.id)).all()[-1]
    assert [s.level for s in newest.specialties] == ["interested"]


def test_signup_creates_a_pending_volunteer_with_a_link(client, org, specialties):
    response = client.post("/signup", data=signup_data(specialties))
    assert response.status_code == 302
    assert response.location.endswith("/signup/done")
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.name == "王燚"
    assert volunteer.phone == "+8613800138000"
    assert volunteer.status == "pending"
    assert volunteer.consent_version == "1" and volunteer.consent_at is not None
    assert {(s.specialty.code, s.level) for s in volunteer.specialties} == {
        ("elder_care", "experienced"),
        ("medical", "interested"),
    }
    done = client.get("/signup/done").get_data(as_text=True)
    link = re.search(r'value="(http[^"]+/v/([^"]+))"', done)
    assert link and "<svg" in done
    assert volunteer.link_secret_hash == hash_secret(link.group(2))
    page = client.get(f"/v/{link.group(2)}").get_data(as_text=True)
    assert "王燚" in page and "助老服务" in page
    # The rest is asked for on the personal page, each a link to where it goes.
    assert "完善您的资料" in page
    secret = link.group(2)
    assert f'href="/v/{secret}/availability"' in page
    assert f'href="/v/{secret}/edit#email"' in page


@pytest.mark.parametrize(
    "name",
    ["燚", "𠀀𠀁", "Anne-Marie O'Neil", "阿依古丽·买买提", "José María"],
)
def test_names_in_any_script_are_accepted(client, org, specialties, name):
    response = client.post("/signup", data=signup_data(specialties, name=name))
    assert response.status_code == 302
    assert db.session.scalar(select(Volunteer.name)) == name


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("name", "", "请填写您的姓名"),
        ("name", "x" * 100_000, "姓名最多"),
        ("name", "<script>alert(1)</script>", "姓名只能"),
        ("phone", "12345", "不是有效的手机号"),
        ("phone", "010 6512 3456", "请填写手机号，而不是座机号"),
        ("phone", "abc" * 10_000, "不是有效的手机号"),
        ("specialties", ["999999"], "请从列表中选择专长"),
        ("specialties", ["²"], "请从列表中选择专长"),
        ("level_1", "certified", "请从列表中选择程度"),
        ("consent", "", "请同意隐私声明"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(
    client, org, specialties, field, value, message
):
    if field == "level_1":
        field = f"level_{specialties['elder_care'].id}"
    data = signup_data(specialties, **{field: value})
    if value == "":
        data.pop(field)
    response = client.post("/signup?lang=zh", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert volunteer_count() == 0
    assert "field-error" in page
    if message:
        assert message in page
    assert "<script>alert" not in page
    # What was typed is kept.
    assert "南山区粤海街道" in page


def test_certificates_wait_for_the_personal_page(client, org, specialties):
    sid = specialties["medical"].id
    data = signup_data(specialties, **{f"level_{sid}": "certified"})
    page = client.post("/signup?lang=en", data=data).get_data(as_text=True)
    assert "Choose a level from the list." in page
    assert volunteer_count() == 0
    assert 'value="certified"' not in client.get("/signup").get_data(as_text=True)


def test_the_same_phone_twice_points_to_the_existing_profile(client, org, specialties):
    client.post("/signup", data=signup_data(specialties))
    again = signup_data(
        specialties, token="u" * 43, name="另一个人", phone="13800138000"
    )
    page = client.post("/signup?lang=zh", data=again).get_data(as_text=True)
    assert volunteer_count() == 1
    assert "您已经用这个手机号登记过了" in page
    assert "/signup/link" in page


def test_a_double_tap_creates_one_record_and_shows_the_same_link(
    client, org, specialties
):
    data = signup_data(specialties)
    first = client.post("/signup", data=data)
    first_page = client.get(first.location).get_data(as_text=True)
    second = client.post("/signup", data=data)
    assert second.status_code == 302
    second_page = client.get(second.location).get_data(as_text=True)
    assert volunteer_count() == 1
    link = re.search(r'value="(http[^"]+/v/[^"]+)"', first_page).group(1)
    assert link in second_page


def test_a_double_tap_after_rotation_does_not_reveal_the_new_link(
    client, org, specialties
):
    from volunteer_hub.volunteers.lifecycle.services import repeated_sign_up
    from volunteer_hub.volunteers.personal_link.services import rotate_link

    data = signup_data(specialties)
    client.post("/signup", data=data)
    rotate_link(db.session.scalar(select(Volunteer)))
    db.session.commit()
    assert repeated_sign_up("t" * 43) is None
    page = client.post("/signup?lang=en", data=data).get_data(as_text=True)
    assert "already registered" in page


@pytest.mark.csrf
def test_missing_csrf_token_changes_nothing(client, org, specialties):
    response = client.post("/signup", data=signup_data(specialties))
    assert response.status_code == 400
    assert volunteer_count() == 0
    page = client.get("/signup").get_data(as_text=True)
    data = signup_data(specialties, csrf_token=csrf_token_from(page))
    assert client.post("/signup", data=data).status_code == 302


@pytest.mark.ratelimit
def test_a_flood_of_signups_gets_a_try_later_page(app, client, org, specialties):
    app.config["SIGNUP_RATE_LIMIT"] = "3 per minute"
    for n in range(3):
        client.post("/signup", data=signup_data(specialties, phone=f"1380013800{n}"))
    response = client.post("/signup?lang=zh", data=signup_data(specialties))
    assert response.status_code == 429
    assert "请稍后再试" in response.get_data(as_text=True)


def test_id_number_is_asked_on_the_personal_page_when_collected(
    client, org, specialties
):
    from volunteer_hub.volunteers.admin.services import update_settings

    client.post("/signup", data=signup_data(specialties))
    secret = re.search(
        r"/v/([\w-]{43})", client.get("/signup/done").get_data(as_text=True)
    ).group(1)
    assert 'name="id_number"' not in client.get("/signup").get_data(as_text=True)
    assert 'name="id_number"' not in client.get(f"/v/{secret}/edit").text
    update_settings(collect_id_number=True)
    db.session.commit()
    assert 'name="id_number"' not in client.get("/signup").get_data(as_text=True)
    assert f'href="/v/{secret}/edit#id_number"' in client.get(f"/v/{secret}").text
    form = {"name": "王燚", "phone": "13800138000", "district": "南山区"}
    bad = client.post(
        f"/v/{secret}/edit?lang=zh", data=form | {"id_number": "110101199003071234"}
    )
    assert "证件号码无效" in bad.get_data(as_text=True)
    good = form | {"id_number": "11010519491231002X"}
    assert client.post(f"/v/{secret}/edit", data=good).status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.id_number_masked == "110***********002X"
    assert b"11010519491231002X" not in volunteer.id_number_protected
    # Saving again with the field left empty keeps the number.
    assert client.post(f"/v/{secret}/edit", data=form).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Volunteer)).id_number_masked == "110***********002X"
    assert "#id_number" not in client.get(f"/v/{secret}").text


def test_concurrent_double_submit_creates_one_volunteer(app, org, specialties):
    """Two requests with the same form at the same moment: one record, and both
    answers lead to the success page with the same link."""
    import threading

    data = signup_data(specialties)
    barrier = threading.Barrier(2)
    results = []

    def submit():
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            response = client.post("/signup", data=data)
            done = client.get("/signup/done").get_data(as_text=True)
            db.session.remove()
        results.append((response.status_code, re.search(r"/v/([\w-]{43})", done)))

    db.session.commit()
    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    db.session.expire_all()
    assert volunteer_count() == 1
    assert [status for status, _ in results] == [302, 302]
    links = {match.group(1) for _, match in results}
    assert len(links) == 1
