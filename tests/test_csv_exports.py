"""Every CSV the application writes, read back with the csv module as a
spreadsheet would, in Chinese and in English: UTF-8 with a BOM and CRLF, headers
in the reader's language (money headers name the currency), code values shown
translated with the code in a trailing ``…_code`` column, quantities without
trailing zeros, money as plain numbers, dates ISO.

The CSVs: the drive report, the volunteer report, the annual summary, the
resource map (``/reports/…``) and the volunteer roster (``/volunteers/export.csv``).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest

from volunteer_hub.drives.intake import record_intake
from volunteer_hub.extensions import db
from volunteer_hub.reports.periods import zone

ISO_MINUTE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")

WORDS = {
    "zh": {
        "generated": "生成时间",
        "items": "按物资统计",
        "item": "物资",
        "goal": "目标",
        "accepted": "接收",
        "value": "价值（人民币）",
        "water": "瓶装水",
        "bases": "按估值依据统计的价值",
        "invoice": "发票",
        "donor-kinds": "按类型统计的捐赠人",
        "organisation": "机构",
        "total": "合计（人民币）",
        "annual-bases": "按估值依据统计的实物捐赠",
        "drives": "物资募集",
        "summary": "收到的实物捐赠",
        "by-specialty": "按专长统计的时长",
        "specialty": "专长",
        "hours": "时长",
        "elder-care": "助老服务",
        "top": "服务时长最多的志愿者",
        "yes": "是",
        "kinds": "按资源种类",
        "venue": "场地",
        "quantity": "数量",
        "types": "按合作方类型",
        "foundation": "基金会",
    },
    "en": {
        "generated": "Generated",
        "items": "Goods by item",
        "item": "Item",
        "goal": "Goal",
        "accepted": "Accepted",
        "value": "Value (Chinese yuan)",
        "water": "Bottled water",
        "bases": "Value by valuation basis",
        "invoice": "Invoice",
        "donor-kinds": "Donors by type",
        "organisation": "Organisation",
        "total": "Total (Chinese yuan)",
        "annual-bases": "In-kind donations by valuation basis",
        "drives": "Drives",
        "summary": "In-kind donations received",
        "by-specialty": "Hours by specialty",
        "specialty": "Specialty",
        "hours": "Hours",
        "elder-care": "Elder care",
        "top": "Volunteers with the most hours",
        "yes": "Yes",
        "kinds": "By kind",
        "venue": "Venue",
        "quantity": "Quantity",
        "types": "By partner type",
        "foundation": "Foundation",
    },
}
LANGS = pytest.mark.parametrize("lang", ["zh", "en"])


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV download, after checking what Excel and WPS need."""
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = response.data
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: UTF-8, not GBK
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def section(rows: list[list[str]], title: str) -> list[dict[str, str]]:
    """The table under the line ``title``, as {header: cell} per row."""
    start = rows.index([title]) + 1
    end = next((n for n in range(start, len(rows)) if not rows[n]), len(rows))
    header, *body = rows[start:end]
    assert len(set(header)) == len(header), header
    return [dict(zip(header, row, strict=True)) for row in body]


def only(found: list[dict], **match) -> dict:
    [row] = [r for r in found if all(r.get(k) == v for k, v in match.items())]
    return row


def no_padded_numbers(rows: list[list[str]]) -> None:
    """No quantity like "500.000": only money keeps two decimals."""
    for row in rows:
        for value in row:
            assert not re.fullmatch(r"-?\d+\.\d{3,}", value), value
            assert "¥" not in value and "￥" not in value, value


@pytest.fixture
def valued_drive(flood_drive, make_donor):
    """500 cases of water on an invoice of 15,000 from an organisation."""
    water = flood_drive.items[0]
    donor = make_donor(name="阳光超市", kind="organisation")
    record_intake(
        flood_drive,
        [
            {
                "item": water,
                "quantity_received": Decimal("500.000"),
                "quantity_accepted": Decimal("500.000"),
                "valuation_basis": "invoice",
                "valuation_amount": Decimal("15000"),
            }
        ],
        donor=donor,
        counted_by_1="李华",
    )
    db.session.commit()
    return flood_drive


@LANGS
def test_drive_report_csv(viewer_client, valued_drive, lang):
    w = WORDS[lang]
    rows = read_csv(
        viewer_client.get(f"/reports/drives/{valued_drive.id}.csv?lang={lang}")
    )
    generated = next(row for row in rows if row and row[0] == w["generated"])
    assert ISO_MINUTE.match(generated[1])
    items = section(rows, w["items"])
    water = only(items, **{w["item"]: w["water"]})
    assert water[w["goal"]] == "500" and water[w["accepted"]] == "500"
    assert water[w["value"]] == "15000.00"
    basis = only(section(rows, w["bases"]), basis_code="invoice")
    assert basis[next(iter(basis))] == w["invoice"]
    assert basis[w["value"]] == "15000.00"
    kinds = only(section(rows, w["donor-kinds"]), kind_code="organisation")
    assert w["organisation"] in kinds.values()
    no_padded_numbers(rows)


@LANGS
def test_annual_summary_csv(viewer_client, valued_drive, lang):
    w = WORDS[lang]
    year = valued_drive.created_at.astimezone(zone("Asia/Shanghai")).year
    rows = read_csv(viewer_client.get(f"/reports/annual.csv?year={year}&lang={lang}"))
    summary = section(rows, w["summary"])
    total = only(summary, figure_code="total")
    assert list(total.values())[:2] == [w["total"], "15000.00"]
    basis = only(section(rows, w["annual-bases"]), basis_code="invoice")
    assert w["invoice"] in basis.values() and "15000.00" in basis.values()
    drive = only(section(rows, w["drives"]), restriction_code="unrestricted")
    assert drive[w["value"]] == "15000.00"
    no_padded_numbers(rows)


@LANGS
def test_volunteer_report_csv(viewer_client, make_volunteer, make_service_record, lang):
    w = WORDS[lang]
    volunteer = make_volunteer(skills={"elder_care": "certified"}, is_core=True)
    make_service_record(volunteer, hours="2.50", served_on=date(2026, 3, 1))
    url = f"/reports/volunteers.csv?start=2026-01-01&end=2026-12-31&lang={lang}"
    rows = read_csv(viewer_client.get(url))
    specialty = only(section(rows, w["by-specialty"]), specialty_code="elder_care")
    assert specialty[w["specialty"]] == w["elder-care"]
    assert specialty[w["hours"]] == "2.5"
    top = only(section(rows, w["top"]), core_code="yes")
    assert w["yes"] in top.values() and top[w["hours"]] == "2.5"
    no_padded_numbers(rows)


@LANGS
def test_resource_map_csv(viewer_client, make_partner, make_contribution, lang):
    w = WORDS[lang]
    fund = make_partner(name="春晖基金会", partner_type="foundation")
    make_contribution(
        fund,
        kind="venue",
        quantity="30.000",
        unit="天",
        value_amount="9000",
        value_basis="market",
    )
    url = f"/reports/resources.csv?start=2026-01-01&end=2026-12-31&lang={lang}"
    rows = read_csv(viewer_client.get(url))
    venue = only(section(rows, w["kinds"]), kind_code="venue")
    assert w["venue"] in venue.values()
    assert venue[w["quantity"]] == "30" and venue[w["value"]] == "9000.00"
    foundation = only(section(rows, w["types"]), type_code="foundation")
    assert w["foundation"] in foundation.values()
    no_padded_numbers(rows)


ROSTER = {
    "zh": {"name": "姓名", "status": "状态", "skills": "专长"},
    "en": {"name": "Name", "status": "Status", "skills": "Skills"},
}


@LANGS
def test_roster_csv(coordinator_client, make_volunteer, lang):
    from flask_babel import force_locale

    from volunteer_hub.volunteers.labels import LEVEL_LABELS, STATUS_LABELS

    make_volunteer(name="王秀兰", skills={"elder_care": "certified"}, is_core=True)
    rows = read_csv(coordinator_client.get(f"/volunteers/export.csv?lang={lang}"))
    header, *body = rows
    [row] = [dict(zip(header, r, strict=True)) for r in body]
    locale = "zh_Hans" if lang == "zh" else "en"
    with coordinator_client.application.test_request_context("/"), force_locale(locale):
        active, certified = str(STATUS_LABELS["active"]), str(LEVEL_LABELS["certified"])
    colon = "：" if lang == "zh" else ": "
    assert row[ROSTER[lang]["name"]] == "王秀兰"
    assert row[ROSTER[lang]["status"]] == active
    assert (
        row[ROSTER[lang]["skills"]] == f"{WORDS[lang]['elder-care']}{colon}{certified}"
    )
    assert row["status_code"] == "active" and row["core_code"] == "yes"
    assert row["specialty_codes"] == "elder_care:certified"
    assert header[-4:] == [
        "status_code",
        "core_code",
        "specialty_codes",
        "availability_codes",
    ]


def test_shared_cells_and_headers(app):
    from flask_babel import force_locale

    from volunteer_hub import spreadsheet

    assert spreadsheet.plain_money(Decimal("285000")) == "285000.00"
    assert spreadsheet.plain_money(None) == "" and spreadsheet.plain_money(True) == ""
    assert spreadsheet.plain_quantity(Decimal("1500.000")) == "1500"
    assert spreadsheet.plain_date(date(2026, 3, 1)) == "2026-03-01"
    assert (
        spreadsheet.safe_text("=1+1") == "'=1+1" and spreadsheet.safe_text(None) == ""
    )
    with app.test_request_context("/"):
        with force_locale("zh_Hans"):
            assert spreadsheet.money_header("价值") == "价值（人民币）"
            assert spreadsheet.percent_header("比例") == "比例（%）"
        with force_locale("en"):
            assert spreadsheet.money_header("Value") == "Value (Chinese yuan)"
    assert spreadsheet.code_header("basis") == "basis_code"
    data = spreadsheet.csv_bytes([["名称", "数量"], ["棉被", "3"]])
    assert data == "\ufeff名称,数量\r\n棉被,3\r\n".encode()
