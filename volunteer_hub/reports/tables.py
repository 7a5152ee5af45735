"""Report tables, declared once: typed columns and the rows they pick from a report.

A :class:`Table` is built from records and :class:`Column` declarations (a label,
a kind and a function that takes a value from a record). The same object is
drawn on screen and in the PDF by the ``report_table`` macro
(``templates/reports/_macros.html``), which shows :func:`display` of each value,
and written to CSV by :func:`write_csv`, which writes :func:`cell` of the same
value. So the screen, the PDF and the spreadsheet cannot carry different
columns or figures.

CSV: UTF-8 with a byte-order mark, one file per report; each table is a title
line, a header line and its rows, with an empty line between tables. Text that a
spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` at the start) is
prefixed with an apostrophe; numbers are written plainly so they stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from flask_babel import gettext as _

from volunteer_hub import numbers

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT, QUANTITY, MONEY, PERCENT, DATE = "text", "quantity", "money", "percent", "date"
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
    """A value as the CSV holds it: Decimals plainly (quantities without trailing
    zeros), None empty, formulas defused."""
    if isinstance(value, Typed):
        return cell(value.value, value.kind)
    if kind == QUANTITY and isinstance(value, Decimal):
        return numbers.plain_quantity(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text_ = str(value)
    return "'" + text_ if text_.startswith(FORMULA_START) else text_


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

    @classmethod
    def of(cls, key, title, columns, records, *, footer=(), mark=None) -> Table:
        """Rows picked from ``records`` by the columns; ``footer`` records add
        total lines; ``mark`` is (attribute, function of a record)."""
        records = list(records)
        rows = [[c.value(r) for c in columns] for r in records]
        totals = [[c.value(r) for c in columns] for r in footer]
        marks = (mark[0], [mark[1](r) for r in records]) if mark else None
        return cls(key, str(title), list(columns), rows, totals, marks)

    @property
    def headers(self) -> list[str]:
        return [c.label for c in self.columns]

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
    )


def write_csv(heading: Sequence[Sequence], tables: Iterable[Table]) -> bytes:
    """The file: ``heading`` lines (organisation, period …), then the tables."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in heading:
        writer.writerow([cell(v) for v in line])
    for table in tables:
        writer.writerow([])
        writer.writerow([cell(table.title)])
        writer.writerow([cell(h) for h in table.headers])
        for row in [*table.rows, *table.footer]:
            kinds = [c.kind for c in table.columns]
            writer.writerow([cell(v, k) for k, v in zip(kinds, row, strict=True)])
    return (BOM + buffer.getvalue()).encode("utf-8")


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
    )
