"""The drive report: every figure against one computed here from the raw rows.

The expected figures are computed the other way round from the report: the
report leaves out reversed deliveries and their reversals; here every row is
summed, a reversal counting at the date of the delivery it reverses.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from volunteer_hub.drives.models import Donor, Pledge
from volunteer_hub.drives.models_stock import Distribution, Intake, StockEntry
from volunteer_hub.extensions import db
from volunteer_hub.reports.drive.queries import drive_report
from volunteer_hub.reports.periods import Period

TZ = ZoneInfo("Asia/Shanghai")
ZERO = Decimal(0)


def local(moment) -> date:
    return moment.astimezone(TZ).date()


def inside(period: Period, moment) -> bool:
    day = local(moment)
    return (period.start is None or day >= period.start) and (
        period.end is None or day <= period.end
    )


def net_intakes(drive, period):
    """(intake, sign) for every intake row in the period, reversals with -1 at the
    date of the original."""
    rows = db.session.scalars(select(Intake).where(Intake.drive_id == drive.id)).all()
    by_id = {row.id: row for row in rows}
    for row in rows:
        original = by_id[row.reverses_id] if row.reverses_id else row
        if inside(period, original.received_at):
            yield row, (-1 if row.reverses_id else 1), original


def effective_ids(model, drive):
    rows = db.session.scalars(select(model).where(model.drive_id == drive.id)).all()
    reversed_ids = {r.reverses_id for r in rows if r.reverses_id}
    return [r for r in rows if not r.reverses_id and r.id not in reversed_ids]


def expected_items(drive, period):
    sums = defaultdict(lambda: defaultdict(Decimal))
    for intake, _sign, _original in net_intakes(drive, period):
        for line in intake.lines:
            entry = sums[line.drive_item_id]
            entry["received"] += line.quantity_received
            entry["accepted"] += line.quantity_accepted
            entry["value"] += line.valuation_amount or ZERO
    for pledge in db.session.scalars(select(Pledge).where(Pledge.drive_id == drive.id)):
        if pledge.cancelled_at is None and inside(period, pledge.created_at):
            for line in pledge.lines:
                sums[line.drive_item_id]["pledged"] += line.quantity
    for dist in db.session.scalars(
        select(Distribution).where(Distribution.drive_id == drive.id)
    ):
        original = (
            db.session.get(Distribution, dist.reverses_id) if dist.reverses_id else dist
        )
        if inside(period, original.distributed_at):
            for line in dist.lines:
                sums[line.drive_item_id]["distributed"] += line.quantity
    for entry in db.session.scalars(
        select(StockEntry).where(StockEntry.drive_id == drive.id)
    ):
        if period.end is None or local(entry.created_at) <= period.end:
            sums[entry.drive_item_id]["on_hand"] += entry.quantity
        if entry.kind == "adjustment" and inside(period, entry.created_at):
            sums[entry.drive_item_id]["adjusted"] += entry.quantity
    return sums


def expected_timeline(drive, period, unit):
    days = defaultdict(lambda: [0, ZERO])
    for intake, sign, original in net_intakes(drive, period):
        key = local(original.received_at).isoformat()[: 10 if unit == "day" else 7]
        days[key][0] += sign
        days[key][1] += sum((ln.valuation_amount or ZERO for ln in intake.lines), ZERO)
    return {k: tuple(v) for k, v in days.items() if v[0] or v[1]}


def kept(donor_id):
    donor = db.session.get(Donor, donor_id)
    return (
        db.session.get(Donor, donor.merged_into_id) if donor.merged_into_id else donor
    )


def expected_donors(drive, period):
    kinds = defaultdict(lambda: {"donors": set(), "anon": set(), "n": 0, "v": ZERO})
    people = defaultdict(lambda: {"n": 0, "v": ZERO})
    for intake in effective_ids(Intake, drive):
        if not inside(period, intake.received_at):
            continue
        value = sum((ln.valuation_amount or ZERO for ln in intake.lines), ZERO)
        donor = kept(intake.donor_id) if intake.donor_id else None
        entry = kinds[donor.kind if donor else None]
        entry["n"] += 1
        entry["v"] += value
        if donor:
            entry["donors"].add(donor.id)
            if not donor.show_publicly:
                entry["anon"].add(donor.id)
            people[donor.id]["n"] += 1
            people[donor.id]["v"] += value
    return kinds, people


def expected_lines(drive, period):
    bases = defaultdict(lambda: [0, ZERO])
    unvalued = defaultdict(Decimal)
    rejected = defaultdict(lambda: [0, ZERO])
    for intake in effective_ids(Intake, drive):
        if not inside(period, intake.received_at):
            continue
        for line in intake.lines:
            if line.quantity_accepted > 0:
                bases[line.valuation_basis][0] += 1
                bases[line.valuation_basis][1] += line.valuation_amount or ZERO
                if line.valuation_amount is None:
                    unvalued[line.drive_item_id] += line.quantity_accepted
            if line.quantity_received > line.quantity_accepted:
                key = (line.drive_item_id, line.rejection_reason)
                rejected[key][0] += 1
                rejected[key][1] += line.quantity_received - line.quantity_accepted
    return bases, unvalued, rejected


def expected_destinations(drive, period):
    places = defaultdict(lambda: {"ids": set(), "lines": defaultdict(Decimal)})
    for dist in effective_ids(Distribution, drive):
        if not inside(period, dist.distributed_at):
            continue
        shown = dist.show_publicly
        key = (dist.recipient if shown else None, dist.destination if shown else "")
        places[key]["ids"].add(dist.id)
        for line in dist.lines:
            places[key]["lines"][line.drive_item_id] += line.quantity
    return places


def check_report(drive, period):
    report = drive_report(drive, period)
    sums = expected_items(drive, period)
    assert {row.item.id for row in report.items} == {i.id for i in drive.items}
    for row in report.items:
        want = sums[row.item.id]
        for name in (
            "pledged",
            "received",
            "accepted",
            "distributed",
            "adjusted",
            "on_hand",
            "value",
        ):
            assert getattr(row, name) == want[name], (row.item.name_zh, name)
        if period.start is None:
            assert row.on_hand == row.accepted - row.distributed + row.adjusted
    timeline = {k: (n, v) for k, n, v in report.timeline if n or v}
    assert timeline == expected_timeline(drive, period, report.timeline_unit)
    kinds, people = expected_donors(drive, period)
    assert {
        k["kind"]: (k["donors"], k["anonymous"], k["deliveries"], k["value"])
        for k in report.donor_kinds
    } == {
        kind: (len(e["donors"]), len(e["anon"]), e["n"], e["v"])
        for kind, e in kinds.items()
    }
    ranking = sorted(people.items(), key=lambda p: (-p[1]["v"], -p[1]["n"], p[0]))
    assert [(d["id"], d["deliveries"], d["value"]) for d in report.top_donors] == [
        (donor_id, e["n"], e["v"]) for donor_id, e in ranking[:10]
    ]
    for entry in report.top_donors:
        donor = db.session.get(Donor, entry["id"])
        assert entry["name"] == (donor.name if donor.show_publicly else None)
    bases, unvalued, rejected = expected_lines(drive, period)
    assert {b: (n, v) for b, n, v in report.bases} == {
        b: tuple(e) for b, e in bases.items()
    }
    assert report.total_value == sum((e[1] for e in bases.values()), ZERO)
    assert {item.id: q for item, q in report.not_valued} == dict(unvalued)
    assert {(i.id, r): (n, q) for i, r, n, q in report.rejected} == {
        k: tuple(e) for k, e in rejected.items()
    }
    places = expected_destinations(drive, period)
    assert {
        (e["recipient"], e["destination"]): (
            e["distributions"],
            {i.id: q for i, q in e["lines"]},
        )
        for e in report.destinations
    } == {k: (len(e["ids"]), dict(e["lines"])) for k, e in places.items()}
    assert report.deliveries == sum(
        1 for i in effective_ids(Intake, drive) if inside(period, i.received_at)
    )
    return report


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
    assert f'data-figure="total-value">{report.total_value:,.2f}<' in html
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
