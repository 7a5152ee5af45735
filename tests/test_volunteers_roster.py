"""The coordinators' roster: role checks, filters, masking, search, pages."""

from datetime import timedelta

import pytest

from volunteer_hub import clock
from volunteer_hub.extensions import db
from volunteer_hub.volunteers.roster import queries

ROUTES = [
    ("GET", "/volunteers/", "viewer"),
    ("GET", "/volunteers/1", "viewer"),
    ("GET", "/volunteers/poster", "viewer"),
    ("GET", "/volunteers/new", "coordinator"),
    ("GET", "/volunteers/1/edit", "coordinator"),
    ("POST", "/volunteers/1/core", "coordinator"),
    ("POST", "/volunteers/1/approve", "coordinator"),
    ("POST", "/volunteers/1/link", "coordinator"),
    ("POST", "/volunteers/1/hours", "coordinator"),
    ("GET", "/volunteers/hours/waiting", "coordinator"),
    ("GET", "/volunteers/export.csv", "coordinator"),
    ("GET", "/volunteers/import", "admin"),
    ("GET", "/volunteers/specialties", "admin"),
    ("GET", "/volunteers/settings", "admin"),
]
RANK = {None: 0, "viewer": 1, "coordinator": 2, "admin": 3}


@pytest.mark.parametrize("role", [None, "viewer", "coordinator", "admin"])
@pytest.mark.parametrize("method,path,needed", ROUTES)
def test_role_checks(client, client_as, make_volunteer, role, method, path, needed):
    make_volunteer()
    http = client_as(role) if role else client
    response = http.open(path, method=method, data={})
    if role is None:
        assert response.status_code == 302 and "/login" in response.location
    elif RANK[role] < RANK[needed]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302)


def test_list_masks_phones_and_renders_in_both_languages(viewer_client, make_volunteer):
    make_volunteer(
        name="张三", phone="+8613812345678", skills={"elder_care": "certified"}
    )
    zh = viewer_client.get("/volunteers/?lang=zh").get_data(as_text=True)
    assert "张三" in zh and "+86 138****5678" in zh and "13812345678" not in zh
    assert "助老服务" in zh and "志愿者" in zh
    en = viewer_client.get("/volunteers/?lang=en").get_data(as_text=True)
    assert "Elder care (Certified)" in en and "1 volunteer found." in en


def test_skills_and_times_read_in_the_readers_language(viewer_client, make_volunteer):
    make_volunteer(
        name="李四",
        skills={"elder_care": "certified", "counselling": "interested"},
        slots={
            (5, "evening"),
            (5, "morning"),
            (0, "afternoon"),
            (1, "morning"),
            (2, "morning"),
            (3, "morning"),
        },
    )
    zh = viewer_client.get("/volunteers/?lang=zh").get_data(as_text=True)
    # Monday first, a day's morning before its evening; four shown, then a count.
    assert "周一下午、周二上午、周三上午、周四上午 等另外 2 个时段" in zh
    assert "助老服务 (持证)、心理咨询 (感兴趣)" in zh
    en = viewer_client.get("/volunteers/?lang=en").get_data(as_text=True)
    assert "Monday Afternoon, Tuesday Morning, Wednesday Morning" in en
    assert "Elder care (Certified), " in en and "、" not in en


def test_filters_by_specialty_level_slot_district_core_and_status(
    viewer_client, make_volunteer, specialties
):
    make_volunteer(
        name="甲", skills={"elder_care": "experienced"}, slots={(5, "morning")}
    )
    make_volunteer(
        name="乙", skills={"elder_care": "interested"}, slots={(5, "morning")}
    )
    make_volunteer(
        name="丙", skills={"elder_care": "certified"}, slots={(6, "morning")}
    )
    make_volunteer(
        name="丁", skills={"legal": "experienced"}, district="福田区", is_core=True
    )
    make_volunteer(name="戊", status="pending", slots={(5, "morning")})
    elder = specialties["elder_care"].id

    def names(query):
        page = viewer_client.get("/volunteers/?" + query).get_data(as_text=True)
        return {n for n in "甲乙丙丁戊" if f">{n}</a>" in page}

    assert names(f"specialty={elder}") == {"甲", "乙", "丙"}
    assert names(f"specialty={elder}&level=experienced") == {"甲", "丙"}
    assert names(f"specialty={elder}&weekday=5&part=morning") == {"甲", "乙"}
    assert names("weekday=5") == {"甲", "乙", "戊"}
    assert names("district=福田") == {"丁"}
    assert names("core=yes") == {"丁"}
    assert names("status=pending") == {"戊"}
    assert names("q=丙") == {"丙"}
    assert names("specialty=abc&weekday=9&level=boss&page=x") == set("甲乙丙丁戊")


def test_totals_and_counts_by_status_follow_the_filter(
    viewer_client, make_volunteer, specialties
):
    for status in ("active", "active", "pending", "withdrawn"):
        make_volunteer(skills={"elder_care": "experienced"}, status=status)
    make_volunteer(skills={"legal": "experienced"}, status="inactive")
    elder = specialties["elder_care"].id

    def read(query):
        page = viewer_client.get(f"/volunteers/?lang=zh&{query}")
        return page.get_data(as_text=True)

    # The withdrawn are not listed unless asked for, but they are counted.
    elder_care = read(f"specialty={elder}")
    assert "共找到 3 位志愿者" in elder_care
    assert "待审核: 1 · 在岗: 2 · 已停用: 0 · 已退出: 1" in elder_care
    withdrawn = read(f"specialty={elder}&status=withdrawn")
    assert "共找到 1 位志愿者" in withdrawn
    assert "待审核: 1 · 在岗: 2 · 已停用: 0 · 已退出: 1" in withdrawn
    everyone = read("")
    assert "共找到 4 位志愿者" in everyone
    assert "待审核: 1 · 在岗: 2 · 已停用: 1 · 已退出: 1" in everyone
    # Past the last page: no rows, the same total.
    assert "共找到 4 位志愿者" in read("page=9")


def test_filter_by_certificate_expiring_soon(
    viewer_client, make_volunteer, specialties
):
    from volunteer_hub.volunteers.profile.services import (
        SpecialtyChoice,
        set_specialties,
    )

    soon = make_volunteer(name="快到期")
    later = make_volunteer(name="还早")
    today = clock.now().date()
    for volunteer, days in ((soon, 20), (later, 200)):
        set_specialties(
            volunteer,
            [
                SpecialtyChoice(
                    specialties["medical"].id,
                    "certified",
                    "护士证",
                    certificate_expiry=today + timedelta(days=days),
                )
            ],
        )
    db.session.commit()
    page = viewer_client.get("/volunteers/?expiring=30").get_data(as_text=True)
    assert "快到期" in page and "还早" not in page


def test_search_by_phone_digits(viewer_client, make_volunteer):
    make_volunteer(name="李四", phone="+8613955556666")
    make_volunteer(name="王五")
    page = viewer_client.get("/volunteers/?q=5556666").get_data(as_text=True)
    assert "李四" in page and "王五" not in page
    assert viewer_client.get("/volunteers/?q=%25%5C_").status_code == 200


def test_each_row_links_to_the_volunteer_and_fills_empty_cells(
    viewer_client, make_volunteer
):
    core = make_volunteer(name="王五", district="", is_core=True)
    erased = make_volunteer(status="withdrawn")
    erased.name = ""  # what erasing a withdrawn volunteer's details leaves
    db.session.commit()
    zh = viewer_client.get("/volunteers/?lang=zh").get_data(as_text=True)
    row = zh[zh.index(f'href="/volunteers/{core.id}"') :].split("</tr>")[0]
    assert ">王五</a>" in row and 'class="badge">核心</span>' in row
    # No district, no skills, no weekly times: a dash in each of those cells.
    assert row.count(">—</td>") == 3
    gone = viewer_client.get("/volunteers/?status=withdrawn&lang=en")
    assert f"Withdrawn volunteer #{erased.id}" in gone.get_data(as_text=True)


def test_pagination(viewer_client, make_volunteer):
    for _ in range(55):
        make_volunteer()
    first = viewer_client.get("/volunteers/").get_data(as_text=True)
    assert "55 volunteers found." in viewer_client.get("/volunteers/?lang=en").get_data(
        as_text=True
    )
    assert 'rel="next"' in first
    assert viewer_client.get("/volunteers/?page=2").status_code == 200


def test_the_filter_form_shows_the_chosen_filters_in_the_readers_language(
    viewer_client, make_volunteer, specialties
):
    volunteer = make_volunteer(name="甲", skills={"elder_care": "experienced"})
    elder = specialties["elder_care"].id
    query = f"specialty={elder}&level=experienced&weekday=5&q=%3Cb%3E&expiring=abc"
    en = viewer_client.get(f"/volunteers/?lang=en&{query}").get_data(as_text=True)
    assert f'<option selected value="{elder}">Elder care</option>' in en
    assert '<option selected value="experienced">Experienced</option>' in en
    assert '<option selected value="5">Saturday</option>' in en
    assert '<option value="">Any time</option>' in en  # nothing chosen
    assert '<label for="weekday">Available on</label>' in en
    assert 'name="q" type="search" value="&lt;b&gt;"' in en  # typed text, escaped
    assert 'name="expiring" type="number" value="abc"' in en
    zh = viewer_client.get(f"/volunteers/?lang=zh&{query}").get_data(as_text=True)
    assert f'<option selected value="{elder}">助老服务</option>' in zh
    assert '<option selected value="5">周六</option>' in zh
    # The whole list (no filter): each name links to the record, counts by status.
    zh = viewer_client.get("/volunteers/").get_data(as_text=True)
    assert f'<a href="/volunteers/{volunteer.id}">甲</a>' in zh
    make_volunteer(name="乙", status="pending")
    zh = viewer_client.get("/volunteers/").get_data(as_text=True)
    assert "待审核: 1 · 在岗: 1 · 已停用: 0 · 已退出: 0" in zh


def test_a_specialty_name_is_escaped_in_the_filter(
    viewer_client, make_volunteer, specialties
):
    specialties["legal"].name_en = "Law <b>& order</b>"
    db.session.commit()
    en = viewer_client.get("/volunteers/?lang=en").get_data(as_text=True)
    assert "Law &lt;b&gt;&amp; order&lt;/b&gt;</option>" in en
    assert "<b>& order" not in en


def test_a_search_is_not_kept_in_the_workers_statement_cache(
    viewer_client, make_volunteer
):
    make_volunteer(name="张秀兰", phone="13800138123")
    kept = queries._page_statements
    kept.cache_clear()
    page = viewer_client.get("/volunteers/?status=active")
    assert page.status_code == 200 and kept.cache_info().currsize == 1
    for q in ("张秀兰", "8123"):
        found = viewer_client.get(f"/volunteers/?q={q}").get_data(as_text=True)
        assert "张秀兰" in found
    # Only the filter without a search was kept; no typed name or number is.
    assert kept.cache_info().currsize == 1
    again = viewer_client.get("/volunteers/?status=active")
    assert again.status_code == 200 and kept.cache_info().hits == 1
