"""The volunteer report and the annual summary against the raw rows."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.models_stock import Distribution, Intake
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Assignment
from volunteer_hub.reports.annual.queries import annual_report
from volunteer_hub.reports.people.hours import VolunteerFilters
from volunteer_hub.reports.people.queries import volunteer_report
from volunteer_hub.reports.periods import Period
from volunteer_hub.volunteers.models import Volunteer, VolunteerSpecialty
from volunteer_hub.volunteers.models_hours import ServiceRecord

TZ = ZoneInfo("Asia/Shanghai")
ZERO = Decimal(0)


def project_of(entry):
    """The project a record counts for: its own, else that of the record it
    reverses or replaces."""
    for record_id in (None, entry.reverses_id, entry.replaces_id):
        row = entry if record_id is None else db.session.get(ServiceRecord, record_id)
        if row is not None and row.project_id:
            return row.project_id
    return None


def approved(period, specialty_id=None, project_id=None):
    """(record) for every approved record served in the period."""
    holders = None
    if specialty_id:
        holders = set(
            db.session.scalars(
                select(VolunteerSpecialty.volunteer_id).where(
                    VolunteerSpecialty.specialty_id == specialty_id
                )
            )
        )
    for entry in db.session.scalars(select(ServiceRecord)):
        if entry.review is None or entry.review.decision != "approved":
            continue
        if not period.start <= entry.served_on <= period.end:
            continue
        if holders is not None and entry.volunteer_id not in holders:
            continue
        if project_id and project_of(entry) != project_id:
            continue
        yield entry


def expected_volunteers(period, specialty_id=None, project_id=None):
    per = defaultdict(Decimal)
    months = defaultdict(Decimal)
    activity = defaultdict(lambda: defaultdict(Decimal))
    for entry in approved(period, specialty_id, project_id):
        per[entry.volunteer_id] += entry.hours
        months[entry.served_on.isoformat()[:7]] += entry.hours
        project = project_of(entry)
        key = (project, "" if project else entry.description)
        activity[key][entry.volunteer_id] += entry.hours
    served = {vid: h for vid, h in per.items() if h > 0}
    return served, months, activity


def expected_attendance(period, specialty_id=None, project_id=None):
    holders = {
        link.volunteer_id
        for link in db.session.scalars(select(VolunteerSpecialty))
        if link.specialty_id == specialty_id
    }
    counts = defaultdict(int)
    for assignment in db.session.scalars(select(Assignment)):
        shift = assignment.shift
        day = shift.starts_at.astimezone(TZ).date()
        if not period.start <= day <= period.end or shift.cancelled_at:
            continue
        if project_id and shift.project_id != project_id:
            continue
        if specialty_id and assignment.volunteer_id not in holders:
            continue
        counts[assignment.status] += 1
    return counts["attended"], counts["no_show"]


def check_volunteer_report(
    period, specialty_id=None, today=date(2026, 12, 2), project_id=None
):
    filters = VolunteerFilters(specialty_id, project_id)
    report = volunteer_report(period, filters, today=today)
    served, months, activity = expected_volunteers(period, specialty_id, project_id)
    came, missed = expected_attendance(period, specialty_id, project_id)
    assert (report.attendance["attended"], report.attendance["no_show"]) == (
        came,
        missed,
    )
    if came + missed:
        rate = Decimal(came) * 100 / (came + missed)
        assert abs(report.attendance["rate"] - rate) < Decimal("0.05")
    assert report.total_hours == sum(served.values(), ZERO)
    assert report.active == len(served)
    assert {m: h for m, h in report.by_month if h} == {
        m: h for m, h in months.items() if h
    }
    assert [m for m, _h in report.by_month][0] == period.start.isoformat()[:7]
    assert {
        (a["project"].id if a["project"] else None, a["description"]): (
            a["volunteers"],
            a["hours"],
        )
        for a in report.by_activity
    } == {
        text: (
            sum(1 for h in people.values() if h > 0),
            sum((h for h in people.values() if h > 0), ZERO),
        )
        for text, people in activity.items()
        if any(h > 0 for h in people.values())
    }
    links = db.session.scalars(select(VolunteerSpecialty)).all()
    by_specialty = defaultdict(list)
    for link in links:
        if link.volunteer_id in served and (
            not specialty_id or link.specialty_id == specialty_id
        ):
            by_specialty[link.specialty_id].append(served[link.volunteer_id])
    assert {s.id: (n, h) for s, n, h in report.by_specialty} == {
        sid: (len(hs), sum(hs, ZERO)) for sid, hs in by_specialty.items()
    }
    volunteers = db.session.scalars(select(Volunteer)).all()
    holders = {link.volunteer_id for link in links if link.specialty_id == specialty_id}
    chosen = [v for v in volunteers if not specialty_id or v.id in holders]
    new = [
        v
        for v in chosen
        if period.start <= v.created_at.astimezone(TZ).date() <= period.end
    ]
    assert report.new_signups == len(new)
    assert report.new_active == sum(1 for v in new if v.status == "active")
    core = [v for v in chosen if v.is_core and v.status == "active"]
    assert report.core == len(core)
    assert report.core_served == sum(1 for v in core if v.id in served)
    ranking = sorted(served.items(), key=lambda p: (-p[1], p[0]))[:10]
    assert [(v["id"], v["hours"]) for v in report.top] == ranking
    soon = [
        (link.volunteer_id, link.certificate_expiry)
        for link in links
        if link.certificate_expiry
        and today <= link.certificate_expiry <= today + timedelta(days=60)
        and db.session.get(Volunteer, link.volunteer_id).status in ("active", "pending")
        and (not specialty_id or link.specialty_id == specialty_id)
    ]
    assert sorted(soon, key=lambda p: (p[1], p[0])) == [
        (c["id"], c["expiry"]) for c in report.expiring
    ]
    return report


def test_volunteer_report_and_annual_summary_match_the_raw_rows(report_dataset):
    """One test for the whole data set: building it is the slow part."""
    _check_volunteers(report_dataset)
    _check_corrections()
    _check_annual(2025)
    report = _check_annual(2026)
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


def expected_annual(year):
    period = Period.year(year, TZ)
    intakes = db.session.scalars(select(Intake)).all()
    by_id = {i.id: i for i in intakes}
    months = defaultdict(lambda: {"r": ZERO, "u": ZERO, "n": 0})
    drives = defaultdict(lambda: {"n": 0, "v": ZERO, "d": 0})
    for intake in intakes:
        original = by_id[intake.reverses_id] if intake.reverses_id else intake
        day = original.received_at.astimezone(TZ).date()
        if day.year != year:
            continue
        drive = db.session.get(Drive, intake.drive_id)
        key = day.isoformat()[:7]
        value = sum((ln.valuation_amount or ZERO for ln in intake.lines), ZERO)
        accepted = any(ln.quantity_accepted != 0 for ln in intake.lines)
        sign = -1 if intake.reverses_id else 1
        months[key]["r" if drive.restricted else "u"] += value
        months[key]["n"] += sign if accepted else 0
        drives[drive.id]["n"] += sign if accepted else 0
        drives[drive.id]["v"] += value
    distributed = defaultdict(lambda: [set(), ZERO])
    rows = db.session.scalars(select(Distribution)).all()
    reversed_ids = {r.reverses_id for r in rows if r.reverses_id}
    for dist in rows:
        if dist.reverses_id or dist.id in reversed_ids:
            continue
        if dist.distributed_at.astimezone(TZ).date().year != year:
            continue
        drives[dist.drive_id]["d"] += 1
        for line in dist.lines:
            key = (dist.recipient if dist.show_publicly else None, line.drive_item_id)
            distributed[key][0].add(dist.id)
            distributed[key][1] += line.quantity
    return period, months, drives, distributed


def _check_annual(year):
    period, months, drives, distributed = expected_annual(year)
    report = annual_report(year, period)
    assert len(report.months) == 12
    for row in report.months:
        want = months.get(row["month"], {"r": ZERO, "u": ZERO, "n": 0})
        assert (row["restricted"], row["unrestricted"], row["deliveries"]) == (
            want["r"],
            want["u"],
            want["n"],
        ), row["month"]
        assert row["total"] == row["restricted"] + row["unrestricted"]
    assert report.total("total") == sum(
        (m["r"] + m["u"] for m in months.values()), ZERO
    )
    assert sum(b["total"] for b in report.bases) == report.total("total")
    for entry in report.drives:
        want = drives.get(entry["drive"].id, {"n": 0, "v": ZERO, "d": 0})
        assert (entry["deliveries"], entry["value"], entry["distributions"]) == (
            want["n"],
            want["v"],
            want["d"],
        )
    active = {d for d, e in drives.items() if e["n"] or e["d"]}
    assert active <= {e["drive"].id for e in report.drives}
    got = defaultdict(lambda: [0, ZERO])
    for g in report.distributed:
        key = (g["recipient"], g["item"].id)
        got[key][0] += g["distributions"]
        got[key][1] += g["quantity"]
    assert {k: tuple(v) for k, v in got.items()} == {
        k: (len(ids), q) for k, (ids, q) in distributed.items()
    }
    served, _months, _activity = expected_volunteers(period)
    assert report.total_hours == sum(served.values(), ZERO)
    assert report.volunteers_served == len(served)
    return report


def test_pages_in_both_languages_and_files(report_dataset, viewer_client):
    _check_annual_pages(viewer_client)
    _check_volunteer_pages(report_dataset, viewer_client)


def _check_annual_pages(viewer_client):
    from pypdf import PdfReader

    report = annual_report(2026, Period.year(2026, TZ))
    zh = viewer_client.get("/reports/annual?year=2026&lang=zh").text
    assert "年度汇总" in zh and "非限定性" in zh
    assert f'data-figure="total">{report.total("total"):,.2f}<' in zh
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
