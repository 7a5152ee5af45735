"""Report plumbing: charts, CSV cells, access rules, languages, the demo data."""

from __future__ import annotations

import csv
import io
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.fixtures.reports_drive import check_report
from tests.fixtures.reports_people import check_annual, check_volunteer_report
from volunteer_hub.drives.models import Drive
from volunteer_hub.extensions import db
from volunteer_hub.reports.charts import bar_chart, column_chart, nice_ceiling
from volunteer_hub.reports.periods import Period
from volunteer_hub.reports.tables import Table, cell, quantity, text, write_csv

TZ = ZoneInfo("Asia/Shanghai")


def test_charts_are_escaped_vector_graphics():
    svg = bar_chart(
        ["<script>alert(1)</script>", "棉被"],
        [("已接收", [50, 120]), ("已发放", [10, -5])],
        title="目标 & 进度",
        scale_max=100,
    )
    assert svg.startswith("<svg") and "<script>" not in svg
    assert "&lt;script&gt;" in svg and "目标 &amp; 进度" in svg
    assert "style=" not in svg and "<image" not in svg
    assert svg.count("<rect") == 4 + 2  # four bars and two legend keys
    columns = column_chart(
        [f"2026-01-{d:02d}" for d in range(1, 32)], [1] * 31, title="每日"
    )
    assert columns.count("<rect") == 31 and 'role="img"' in columns


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0, 7, 10, 11, 230, 0.3)] == [
        1,
        10,
        10,
        20,
        250,
        0.5,
    ]


def test_csv_cells_defuse_formulas_and_keep_numbers():
    from decimal import Decimal

    assert cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert cell("+86 138") == "'+86 138" and cell("@sum") == "'@sum"
    assert cell(Decimal("-3.50"), "money") == "-3.50" and cell(None) == ""
    assert cell(Decimal("-3.50")) == "-3.5" and cell(7) == "7"
    table = Table.of(
        "goods",
        "物资",
        [text("名称", lambda r: r[0]), quantity("数量", lambda r: r[1])],
        [("棉被", 3)],
    )
    data = write_csv([["阳光协会"]], [table])
    assert data[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["阳光协会"], [], ["物资"], ["名称", "数量"], ["棉被", "3"]]


@pytest.mark.parametrize(
    "path",
    [
        "/reports/",
        "/reports/volunteers",
        "/reports/annual",
        "/reports/annual.pdf",
        "/reports/volunteers.csv",
    ],
)
def test_reports_need_a_staff_login(client, org, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_every_staff_role_may_read_reports(client_as, make_drive):
    drive = make_drive()
    for role in ("viewer", "coordinator", "admin"):
        staff = client_as(role)
        for path in ("/reports/", f"/reports/drives/{drive.id}", "/reports/annual"):
            assert staff.get(path).status_code == 200


def test_the_report_list_in_both_languages(viewer_client, make_drive):
    drive = make_drive(title_zh="冬衣募集", title_en="Winter clothes")
    zh = viewer_client.get("/reports/?lang=zh").text
    assert "年度汇总" in zh and "冬衣募集" in zh and "报表" in zh
    en = viewer_client.get("/reports/?lang=en").text
    assert "Annual summary" in en and "Winter clothes" in en
    assert f"/reports/drives/{drive.id}" in en


def test_downloads_are_named_and_inline_pdf(viewer_client, make_drive):
    drive = make_drive(slug="winter-coats")
    pdf = viewer_client.get(f"/reports/drives/{drive.id}.pdf")
    assert pdf.headers["Content-Disposition"].startswith("inline;")
    assert "drive-winter-coats-report.pdf" in pdf.headers["Content-Disposition"]
    assert pdf.data.startswith(b"%PDF")
    data = viewer_client.get(f"/reports/drives/{drive.id}.csv")
    assert data.headers["Content-Disposition"].startswith("attachment;")
    assert data.mimetype == "text/csv"


def test_user_text_is_escaped_on_screen_and_in_pdf(
    viewer_client, make_drive, make_intake, make_donor
):
    from pypdf import PdfReader

    drive = make_drive(title_zh="<b>募集</b>", goals=(("<img src=x>", "", "件", "5"),))
    donor = make_donor(name="<script>alert(1)</script>", show_publicly=True)
    make_intake(drive, [(drive.items[0], 3, 1)], donor=donor)
    page = viewer_client.get(f"/reports/drives/{drive.id}").text
    assert "<script>alert(1)</script>" not in page and "<img src=x>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    pdf = viewer_client.get(f"/reports/drives/{drive.id}.pdf").data
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "<script>alert(1)</script>" in text  # shown as text, not run


def test_every_figure_matches_on_the_demo_data(app):
    from volunteer_hub.demo import run_loaders

    run_loaders()
    db.session.commit()
    drives = db.session.scalars(select(Drive)).all()
    for drive in drives:
        check_report(drive, Period(tz=TZ))
    today = date(2026, 12, 2)
    check_volunteer_report(Period(date(today.year, 1, 1), today, TZ), today=today)
    check_volunteer_report(Period(date(2025, 1, 1), today, TZ), today=today)
    for year in (today.year, today.year - 1):
        check_annual(year)
