"""One declaration per report table: the screen, the PDF and the CSV agree.

Each table a report declares is read back from the three outputs a person gets:
the HTML table (or list of facts), the PDF text and the CSV section with the
same title. They must carry the same columns and the same values (the screen
formats numbers, the CSV writes them plainly, names the currency or "%" in the
header instead, and adds the code columns last).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from flask_babel import force_locale

from tests.fixtures.pdf import pdf_text
from volunteer_hub.reports.tables import Column, Table, Typed, display, with_unit

PURPOSE = "仅用于助学"


class TableReader(HTMLParser):
    """The header and body rows of ``<table id=key>``, or the (term, value)
    pairs of ``<dl id=key>``, as text."""

    def __init__(self, key: str):
        super().__init__()
        self.key, self.depth, self.rows, self.cell = key, 0, [], None
        self.kind = None

    def handle_starttag(self, tag, attrs):
        if tag in ("table", "dl") and dict(attrs).get("id") == self.key:
            self.kind, self.depth = tag, 1
        elif self.depth and tag in ("table", "dl"):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("th", "td", "dt", "dd"):
            if tag == "dt":
                self.rows.append([])
            self.cell = []

    def handle_endtag(self, tag):
        if self.depth and tag in ("table", "dl"):
            self.depth -= 1
        elif self.depth and tag in ("th", "td", "dt", "dd") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.depth and self.cell is not None:
            self.cell.append(data)


def html_rows(page: str, key: str) -> list[list[str]]:
    reader = TableReader(key)
    reader.feed(page)
    assert reader.kind, f"no table {key!r} on the page"
    return reader.rows


def csv_rows(data: bytes, title: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    start = rows.index([title]) + 1
    end = next((n for n in range(start, len(rows)) if not rows[n]), len(rows))
    return rows[start:end]


def same_value(shown: str, written: str, column) -> bool:
    """A value on screen and in the CSV: numbers equal, "—" for an empty cell."""
    if shown == "—":
        return written == ""
    if column.numeric:
        # The screen adds grouping, "%" and the currency symbol ("¥1,500.00").
        figure = re.sub(r"[^0-9.\-]", "", shown)
        return Decimal(figure) == Decimal(written)
    return shown == written


def kind_of(column: Column, value) -> Column:
    """The column, or for a figure that brings its own kind, a column of it."""
    return Column("", value.kind, None) if isinstance(value, Typed) else column


def csv_headers(table: Table) -> list[str]:
    shown = [with_unit(c.label, c.kind) for c in table.columns]
    return shown + [c.label for c in table.codes]


def check_table(table: Table, page: str, written: bytes, pdf: str) -> None:
    """``table`` reads the same on the page, in the CSV and in the PDF."""
    on_screen = html_rows(page, table.key)
    in_csv = csv_rows(written, table.title)
    facts = table.marks is not None and table.marks[0] == "figure"
    assert in_csv[0] == csv_headers(table), table.key
    if not facts:  # a list of facts has no header line
        assert on_screen[0] == table.headers, table.key
        on_screen = on_screen[1:]
    in_csv = [row[: len(table.columns)] for row in in_csv[1:]]
    if not table.rows and not facts:  # "Nothing recorded." on screen only
        assert len(on_screen[0]) == 1
        on_screen = on_screen[1:]
    assert len(on_screen) == len(in_csv) == len(table.rows) + len(table.footer)
    for row, shown_row, written_row in zip(
        [*table.rows, *table.footer], on_screen, in_csv, strict=True
    ):
        columns = [kind_of(c, v) for c, v in zip(table.columns, row, strict=True)]
        if facts:  # the CSV names the figure's unit in its label
            label = with_unit(shown_row[0], columns[1].kind)
            assert written_row[0] == label, (table.key, label)
            written_row = [shown_row[0], *written_row[1:]]
        for column, shown, written in zip(columns, shown_row, written_row, strict=True):
            assert same_value(shown, written, column), (table.key, shown, written)
            assert "".join(shown.split()) in pdf, (table.key, shown)
    for header in table.headers if not facts else ():
        assert "".join(header.split()) in pdf, (table.key, header)


def check_report(client, url: str, tables: dict[str, Table]) -> None:
    page = client.get(url).text
    written = client.get(url.replace("?", ".csv?", 1)).data
    pdf = "".join(pdf_text(client.get(url.replace("?", ".pdf?", 1)).data).split())
    # The expected headers are in the language of ``url``.
    locale = "en" if "lang=en" in url else "zh_Hans"
    with client.application.test_request_context("/"), force_locale(locale):
        for table in tables.values():
            check_table(table, page, written, pdf)


def restricted_drive(make_drive, make_intake, make_donor):
    drive = make_drive(
        title_zh="助学募集",
        restricted=True,
        restricted_purpose=PURPOSE,
        goals=(("书包", "School bag", "个", "20"), ("文具", "Stationery", "套", "0")),
    )
    donor = make_donor(name="张先生", show_publicly=True)
    make_intake(drive, [(drive.items[0], 8, 6), (drive.items[1], 3)], donor=donor)
    return drive


def test_drive_report_reads_the_same_on_screen_in_pdf_and_csv(
    app, viewer_client, make_drive, make_intake, make_donor
):
    from volunteer_hub.reports.drive.queries import drive_report
    from volunteer_hub.reports.drive.tables import report_tables

    drive = restricted_drive(make_drive, make_intake, make_donor)
    url = f"/reports/drives/{drive.id}?lang=zh"
    page = viewer_client.get(url).text
    with app.test_request_context("/?lang=zh"):
        tables = report_tables(drive_report(drive))
    summary = tables["summary"]
    use = summary.rows[summary.marks[1].index("use")]
    assert use[1] == Typed(f"限定用途: {PURPOSE}", "text")
    assert PURPOSE in page
    check_report(viewer_client, url, tables)


def test_annual_summary_shows_the_restricted_purpose_everywhere(
    app, viewer_client, make_drive, make_intake, make_donor
):
    from volunteer_hub.reports.annual.queries import annual_report
    from volunteer_hub.reports.annual.tables import report_tables
    from volunteer_hub.reports.periods import Period, zone

    drive = restricted_drive(make_drive, make_intake, make_donor)
    year = drive.created_at.astimezone(zone("Asia/Shanghai")).year
    url = f"/reports/annual?year={year}&lang=zh"
    with app.test_request_context("/?lang=zh"):
        tables = report_tables(
            annual_report(year, Period.year(year, zone("Asia/Shanghai")))
        )
    uses = [row[1] for row in tables["annual-drives"].rows]
    assert uses == [f"限定用途: {PURPOSE}"]
    written = viewer_client.get(url.replace("?", ".csv?")).data.decode("utf-8-sig")
    assert f"限定用途: {PURPOSE}" in written  # the CSV used to leave it out
    check_report(viewer_client, url, tables)


def test_volunteer_report_reads_the_same_everywhere(app, viewer_client, specialties):
    from volunteer_hub.reports.people.queries import volunteer_report
    from volunteer_hub.reports.people.tables import report_tables
    from volunteer_hub.reports.periods import Period, zone

    url = "/reports/volunteers?start=2026-01-01&end=2026-12-31&lang=zh"
    with app.test_request_context("/?lang=zh"):
        period = Period.year(2026, zone("Asia/Shanghai"))
        tables = report_tables(volunteer_report(period, today=date(2026, 12, 2)))
    check_report(viewer_client, url, tables)


def test_screen_values_follow_the_column_kind():
    assert display(Decimal("1500.000"), "quantity") == "1,500"
    assert display(Decimal("2.50"), "money") == "¥2.50"
    assert display(Decimal("87.5"), "percent") == "87.5%"
    assert display(None, "money") == "—"
    assert display(Typed(Decimal("3"), "quantity"), "text") == "3"
