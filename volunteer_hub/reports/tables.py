"""Report tables, declared once: typed columns and the rows they pick from a report.

A :class:`Table` is built from records and :class:`Column` declarations (a label,
a kind and a function that takes a value from a record). The same object is
drawn on screen and in the PDF by the ``report_table`` macro
(``templates/reports/_macros.html``), which shows :func:`display` of each value,
and written to CSV by :func:`write_csv`, which writes :func:`cell` of the same
value. So the screen, the PDF and the spreadsheet cannot carry different
columns or figures.

CSV (the shared rules are in :mod:`volunteer_hub.spreadsheet`): one file per
report, UTF-8 with a byte-order mark and CRLF; each table is a title line, a
header line and its rows, with an empty line between tables. Numbers are
written plainly so they stay numbers; a money or percent column (or figure)
names the currency or "%" in its header (or label) instead of in each cell.

Code columns (:func:`code`) are written to the CSV only, after the columns
people read: the value's code (``kind_code``: "organisation"; ``basis_code``:
"invoice"; ``figure_code``: "total-value"), the same in every language. The
reports are never imported again; the codes are there for a spreadsheet that
filters or looks up rows across files exported in Chinese and in English, or
across years. A table declares one for each column whose text is a translated
code or a name with a stable code (a specialty); see each report's ``tables``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from flask_babel import gettext as _

from volunteer_hub import numbers, spreadsheet

TEXT, QUANTITY, MONEY, PERCENT, DATE = "text", "quantity", "money", "percent", "date"
# A code column: in the CSV only, after the columns people read.
CODE = "code"
NUMERIC = frozenset({QUANTITY, MONEY, PERCENT})
ABSENT = "—"


# The shared formats (volunteer_hub.numbers), under the names reports import.
fmt_qty, fmt_money, fmt_pct = numbers.quantity, numbers.money, numbers.percent


FORMATS = {QUANTITY: fmt_qty, MONEY: fmt_money, PERCENT: fmt_pct}


class Typed(NamedTuple):
    """A value that brings its own kind, for a column whose rows differ (the
    figures of a summary: a count, a sum of money, a rate, a text)."""

    value: Any
    kind: str


@dataclass(frozen=True)
class Column:
    label: str
    kind: str
    value: Callable[[Any], Any]

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC


def text(label, value) -> Column:
    return Column(str(label), TEXT, value)


def quantity(label, value) -> Column:
    """Counts and quantities: thousands separated, no trailing zeros on screen."""
    return Column(str(label), QUANTITY, value)


def money(label, value) -> Column:
    return Column(str(label), MONEY, value)


def percent(label, value) -> Column:
    return Column(str(label), PERCENT, value)


def day(label, value) -> Column:
    return Column(str(label), DATE, value)


def code(field_name: str, value) -> Column:
    """The code behind a translated column, as ``<field_name>_code`` in the CSV."""
    return Column(spreadsheet.code_header(field_name), CODE, value)


def display(value, kind: str) -> str:
    """A value as the screen and the PDF show it; "—" for nothing."""
    if isinstance(value, Typed):
        return display(value.value, value.kind)
    if value is None:
        return ABSENT
    if kind in FORMATS:
        return FORMATS[kind](value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def cell(value, kind: str = TEXT) -> str:
    """A value as the CSV holds it: numbers plainly (quantities without trailing
    zeros, money with two decimals, no symbol), dates ISO, None empty, yes/no
    in words, formulas defused."""
    if isinstance(value, Typed):
        return cell(value.value, value.kind)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float | Decimal):
        if kind == MONEY:
            return spreadsheet.plain_money(value)
        return spreadsheet.plain_quantity(value)
    if isinstance(value, date):
        return spreadsheet.plain_date(value)
    return spreadsheet.safe_text(value)


def with_unit(label: str, kind: str) -> str:
    """A header (or a figure's label) that names the unit of its numbers."""
    if kind == MONEY:
        return spreadsheet.money_header(label)
    if kind == PERCENT:
        return spreadsheet.percent_header(label)
    return label


@dataclass
class Table:
    """One table of a report: ``key`` is its id on the page."""

    key: str
    title: str
    columns: Sequence[Column]
    rows: list[list] = field(default_factory=list)
    footer: list[list] = field(default_factory=list)
    # Optional (attribute name, value per row), e.g. ("kind", ["intake", …]).
    marks: tuple[str, list] | None = None
    # CSV-only code columns and their values per row (footer lines have none).
    codes: list[Column] = field(default_factory=list)
    code_rows: list[list] = field(default_factory=list)

    @classmethod
    def of(
        cls, key, title, columns, records, *, footer=(), mark=None, codes=()
    ) -> Table:
        """Rows picked from ``records`` by the columns; ``footer`` records add
        total lines; ``mark`` is (attribute, function of a record); ``codes``
        are :func:`code` columns for the CSV."""
        records = list(records)
        rows = [[c.value(r) for c in columns] for r in records]
        totals = [[c.value(r) for c in columns] for r in footer]
        marks = (mark[0], [mark[1](r) for r in records]) if mark else None
        code_rows = [[c.value(r) for c in codes] for r in records]
        return cls(
            key, str(title), list(columns), rows, totals, marks, list(codes), code_rows
        )

    @property
    def headers(self) -> list[str]:
        return [c.label for c in self.columns]

    def csv_lines(self) -> list[list[str]]:
        """The header and every row as the CSV writes them, code columns last."""
        header = [with_unit(c.label, c.kind) for c in self.columns]
        lines = [[*header, *(c.label for c in self.codes)]]
        blank = [None] * len(self.codes)
        code_rows = [*self.code_rows, *([blank] * len(self.footer))]
        for row, codes in zip([*self.rows, *self.footer], code_rows, strict=True):
            cells = [cell(v, c.kind) for c, v in zip(self.columns, row, strict=True)]
            figure = next((v for v in row if isinstance(v, Typed)), None)
            if figure is not None:  # a fact: its label names the unit
                cells[0] = with_unit(cells[0], figure.kind)
            lines.append([*cells, *(cell(v) for v in codes)])
        return lines

    def shown(self, row: Sequence) -> list[tuple[Column, str]]:
        """(column, text on screen) for each cell of ``row``."""
        return [(c, display(v, c.kind)) for c, v in zip(self.columns, row, strict=True)]

    def mark(self, index: int) -> str | None:
        return None if self.marks is None else str(self.marks[1][index])


def facts(key: str, title, figures: Iterable[tuple]) -> Table:
    """A summary: (name, label, value, kind) figures, shown as a list of facts
    (``report_facts`` macro) whose values carry ``data-figure="<name>"``."""
    return Table.of(
        key,
        title,
        [text(_("What"), lambda f: str(f[1])), text(_("Detail"), lambda f: f[2])],
        [(name, label, Typed(value, kind)) for name, label, value, kind in figures],
        mark=("figure", lambda f: f[0]),
        codes=[code("figure", lambda f: f[0])],
    )


def write_csv(heading: Sequence[Sequence], tables: Iterable[Table]) -> bytes:
    """The file: ``heading`` lines (organisation, period …), then the tables."""
    lines = [[cell(v) for v in line] for line in heading]
    for table in tables:
        lines += [[], [cell(table.title)], *table.csv_lines()]
    return spreadsheet.csv_bytes(lines)


def receipts_table(receipts: list[dict]) -> Table:
    """Receipts issued and voided (``queries.receipt_counts``), in every report."""
    return Table.of(
        "receipts",
        _("Receipts issued and voided"),
        [
            text(_("Kind"), lambda r: str(r["label"])),
            quantity(_("Number issued"), lambda r: r["issued"]),
            quantity(_("Of them replacements"), lambda r: r["replacements"]),
            quantity(_("Still valid"), lambda r: r["valid"]),
            quantity(_("Voided"), lambda r: r["voided"]),
            quantity(_("Of them replaced"), lambda r: r["replaced"]),
        ],
        receipts,
        mark=("kind", lambda r: r["kind"]),
        codes=[code("kind", lambda r: r["kind"])],
    )
