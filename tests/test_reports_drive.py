"""The drive report: every figure against the raw rows, screen, CSV and PDF,
the period filter and bad input, receipts."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tests.fixtures.reports_drive import TZ, check_report
from volunteer_hub.drives.models import Donor
from volunteer_hub.extensions import db
from volunteer_hub.reports.drive.queries import drive_report
from volunteer_hub.reports.periods import Period


def test_every_figure_of_each_drive_matches_the_raw_rows(report_dataset):
    """One test for the whole data set: building it is the slow part."""
    for drive in report_dataset.drives:
        _check_drive(drive)
    _check_new_year(report_dataset)
    _check_donors(report_dataset)


def _check_drive(drive):
    report = check_report(drive, Period(tz=TZ))
    assert report.deliveries > 10
    assert report.reversed_intakes >= 1
    assert any(row.rejected > 0 for row in report.items)
    summer = check_report(drive, Period(date(2026, 4, 1), date(2026, 8, 31), TZ))
    assert 0 < summer.deliveries < report.deliveries
    january = check_report(drive, Period(date(2026, 1, 1), date(2026, 1, 31), TZ))
    assert january.timeline_unit == "day" and len(january.timeline) == 31


def _check_new_year(report_dataset):
    """2025-12-31 17:30 UTC is 01:30 on 1 January in Shanghai; 15:00 UTC is
    still 23:00 on 31 December."""
    drives = report_dataset.drives
    reports = [
        drive_report(d, Period(date(2026, 1, 1), date(2026, 1, 1), TZ)) for d in drives
    ]
    assert sum(n for r in reports for _k, n, _v in r.timeline) >= 1
    december = [
        drive_report(d, Period(date(2025, 12, 31), date(2025, 12, 31), TZ))
        for d in drives
    ]
    assert sum(r.deliveries for r in december) == 1


def _check_donors(report_dataset):
    drive = report_dataset.drives[0]
    report = drive_report(drive, Period(tz=TZ))
    ids = [d["id"] for d in report.top_donors]
    merged = db.session.scalars(
        select(Donor.id).where(Donor.merged_into_id.is_not(None))
    ).all()
    assert merged and not set(merged) & set(ids)
    anonymous = [d for d in report.top_donors if d["name"] is None]
    assert anonymous, "the data set has donors who asked not to be named"


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _section(rows, title):
    start = rows.index([title]) + 2
    end = next((n for n in range(start, len(rows)) if not rows[n]), len(rows))
    return rows[start:end]


def test_screen_csv_pdf_and_receipts(report_receipts, viewer_client):
    _check_receipts(report_receipts, viewer_client)
    _check_screen_csv_and_pdf(report_receipts, viewer_client)


def _check_screen_csv_and_pdf(report_dataset, viewer_client):
    from pypdf import PdfReader

    drive = report_dataset.drives[0]
    report = drive_report(drive, Period(tz=TZ))
    page = viewer_client.get(f"/reports/drives/{drive.id}?lang=zh")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "募集报告" in html or "物资" in html
    assert f'data-figure="total-value">¥{report.total_value:,.2f}<' in html
    rows = _csv_rows(viewer_client.get(f"/reports/drives/{drive.id}.csv").data)
    assert any("洪灾救援" in cell for row in rows[:3] for cell in row)
    items = _section(rows, "按物资统计")
    assert [(r[0], Decimal(r[5]), Decimal(r[9])) for r in items] == [
        (row.item.name_zh, row.accepted, row.on_hand) for row in report.items
    ]
    response = viewer_client.get(f"/reports/drives/{drive.id}.pdf")
    assert response.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "洪灾救援" in text and "测试志愿者协会" in text
    assert f"{report.total_value:,.2f}" in text
    assert "第 1 页" in text
    for row in report.items:
        assert row.item.name_zh in text


def test_period_filter_and_bad_input(flood_drive, make_intake, viewer_client):
    drive = flood_drive
    make_intake(drive, [(drive.items[0], 5)])
    url = f"/reports/drives/{drive.id}"
    ok = viewer_client.get(url + "?start=2026-03-01&end=2026-03-31&lang=en")
    assert ok.status_code == 200 and "2026-03-01 – 2026-03-31" in ok.text
    for query in (
        "start=2026-05-01&end=2026-04-01",
        "start=not-a-date",
        "start=2000-01-01&end=2026-01-01",
        "start=" + "9" * 100_000,
    ):
        page = viewer_client.get(f"{url}?{query}&lang=en")
        assert page.status_code == 200
        assert "field-error" in page.text and 'id="items"' not in page.text
        assert viewer_client.get(f"{url}.pdf?{query}").status_code == 302
    assert viewer_client.get("/reports/drives/999999").status_code == 404
    assert viewer_client.get(f"/reports/drives/{drive.id}.xls").status_code == 404


def expected_receipts(drive=None):
    from volunteer_hub.receipts.models import Receipt

    rows = db.session.scalars(select(Receipt)).all()
    rows = [r for r in rows if drive is None or r.drive_id == drive.id]
    counts = {}
    for kind in ("intake", "statement"):
        mine = [r for r in rows if r.kind == kind]
        replaced_ids = {r.replaces_id for r in rows if r.replaces_id}
        counts[kind] = {
            "issued": len(mine),
            "replacements": sum(1 for r in mine if r.replaces_id),
            "valid": sum(1 for r in mine if r.void is None),
            "voided": sum(1 for r in mine if r.void is not None),
            "replaced": sum(1 for r in mine if r.void and r.id in replaced_ids),
        }
    return counts


def _check_receipts(report_dataset, viewer_client):
    from volunteer_hub.reports.annual.queries import annual_report

    totals = {"issued": 0, "voided": 0}
    for drive in report_dataset.drives:
        report = drive_report(drive, Period(tz=TZ))
        got = {
            r["kind"]: {k: r[k] for k in expected_receipts()["intake"]}
            for r in report.receipts
        }
        assert got == expected_receipts(drive)
        totals["issued"] += got["intake"]["issued"]
        totals["voided"] += got["intake"]["voided"]
    assert totals == {"issued": 6, "voided": 2}
    year = annual_report(2026, Period.year(2026, TZ))
    intake = next(r for r in year.receipts if r["kind"] == "intake")
    assert (
        intake["issued"],
        intake["replacements"],
        intake["valid"],
        intake["voided"],
        intake["replaced"],
    ) == (6, 1, 4, 2, 1)
    earlier = annual_report(2025, Period.year(2025, TZ))
    assert all(r["issued"] == 0 for r in earlier.receipts)
    page = viewer_client.get("/reports/annual?year=2026&lang=zh").text
    assert 'data-kind="intake"' in page
