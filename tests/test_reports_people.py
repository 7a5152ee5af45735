"""The volunteer report and the annual summary against the raw rows."""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import select

from tests.fixtures.reports_people import (
    TZ,
    ZERO,
    check_annual,
    check_volunteer_report,
)
from volunteer_hub.extensions import db
from volunteer_hub.reports.annual.queries import annual_report
from volunteer_hub.reports.people.hours import VolunteerFilters
from volunteer_hub.reports.people.queries import volunteer_report
from volunteer_hub.reports.periods import Period
from volunteer_hub.volunteers.models_hours import ServiceRecord


def test_volunteer_report_and_annual_summary_match_the_raw_rows(report_dataset):
    """One test for the whole data set: building it is the slow part."""
    _check_volunteers(report_dataset)
    _check_corrections()
    check_annual(2025)
    report = check_annual(2026)
    assert report.total("restricted") > 0 and report.total("unrestricted") > 0
    assert report.months[0]["deliveries"] >= 1  # the late New Year's Eve one


def _check_volunteers(report_dataset):
    year = check_volunteer_report(Period(date(2026, 1, 1), date(2026, 12, 31), TZ))
    assert year.active > 10 and year.total_hours > 0 and year.by_specialty
    spring = check_volunteer_report(Period(date(2026, 3, 1), date(2026, 5, 31), TZ))
    assert 0 < spring.total_hours < year.total_hours
    check_volunteer_report(Period(date(2025, 11, 1), date(2026, 2, 28), TZ))
    code = sorted(report_dataset.specialties)[0]
    check_volunteer_report(
        Period(date(2026, 1, 1), date(2026, 12, 31), TZ),
        report_dataset.specialties[code].id,
    )
    assert year.attendance["attended"] > 0 and year.attendance["no_show"] > 0
    assert sum(1 for a in year.by_activity if a["project"]) == 2
    project = report_dataset.projects[0]
    clinic = check_volunteer_report(
        Period(date(2026, 1, 1), date(2026, 12, 31), TZ), project_id=project.id
    )
    assert [a["project"] for a in clinic.by_activity] == [project]
    assert 0 < clinic.total_hours < year.total_hours


def _check_corrections():
    period = Period(date(2025, 1, 1), date(2026, 12, 31), TZ)
    report = volunteer_report(period, today=date(2026, 12, 2))
    reversals = db.session.scalars(
        select(ServiceRecord).where(ServiceRecord.reverses_id.is_not(None))
    ).all()
    assert reversals, "the data set corrects some hours"
    every_row = sum((e.hours for e in db.session.scalars(select(ServiceRecord))), ZERO)
    assert report.total_hours < every_row  # waiting and rejected rows left out


def test_pages_in_both_languages_and_files(report_dataset, viewer_client):
    _check_annual_pages(viewer_client)
    _check_volunteer_pages(report_dataset, viewer_client)


def _check_annual_pages(viewer_client):
    from pypdf import PdfReader

    report = annual_report(2026, Period.year(2026, TZ))
    zh = viewer_client.get("/reports/annual?year=2026&lang=zh").text
    assert "年度汇总" in zh and "非限定性" in zh
    assert f'data-figure="total">¥{report.total("total"):,.2f}<' in zh
    en = viewer_client.get("/reports/annual?year=2026&lang=en").text
    assert "Annual summary 2026" in en and "Unrestricted" in en
    data = viewer_client.get("/reports/annual.csv?year=2026&lang=zh").data
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "洪灾救援" in text and f"{report.total('total')}" in text
    pdf = viewer_client.get("/reports/annual.pdf?year=2026&lang=zh")
    pages = PdfReader(io.BytesIO(pdf.data)).pages
    content = "".join(page.extract_text() for page in pages)
    assert "2026 年度汇总" in content and "冬季送温暖" in content
    assert f"{report.total('restricted'):,.2f}" in content


def _check_volunteer_pages(report_dataset, viewer_client):
    code = sorted(report_dataset.specialties)[0]
    specialty = report_dataset.specialties[code]
    url = (
        f"/reports/volunteers?start=2026-01-01&end=2026-12-31&specialty={specialty.id}"
    )
    report = volunteer_report(
        Period(date(2026, 1, 1), date(2026, 12, 31), TZ),
        VolunteerFilters(specialty.id),
    )
    zh = viewer_client.get(url + "&lang=zh").text
    assert "志愿者报告" in zh and "按专长统计的时长" in zh
    assert f'data-figure="active">{report.active}<' in zh
    en = viewer_client.get(url + "&lang=en").text
    assert "Hours by specialty" in en
    csv_text = viewer_client.get(url.replace("volunteers?", "volunteers.csv?")).data
    assert csv_text.startswith(b"\xef\xbb\xbf")
    assert specialty.name_zh.encode() in csv_text or report.total_hours == 0


def test_bad_filters_show_a_message_and_no_report(viewer_client, specialties):
    for bad in ("1999", "abc", "2101", "9" * 5000):
        page = viewer_client.get(f"/reports/annual?year={bad}&lang=en")
        assert page.status_code == 200 and "field-error" in page.text
        assert 'id="months"' not in page.text
        assert viewer_client.get(f"/reports/annual.csv?year={bad}").status_code == 302
    for bad in (
        "specialty=99999",
        "specialty=abc",
        "start=2026-13-01",
        "start=2026-05-01&end=2026-01-01",
    ):
        page = viewer_client.get(f"/reports/volunteers?{bad}&lang=en")
        assert page.status_code == 200
        assert "field-error" in page.text or bad == "specialty=abc"
