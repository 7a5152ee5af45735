"""CSV files for people who open them in Excel or WPS: what every export shares.

- The file is UTF-8 with a byte-order mark (without it Excel and WPS read
  Chinese as GBK and show mojibake) and CRLF line ends.
- Headers and values are in the reader's language; a value that stands for a
  code (a status, a valuation basis, a kind) is shown translated, and where a
  re-import or a filter across languages needs the code, it follows in a
  trailing ASCII column named ``<field>_code`` (:func:`code_header`).
- Numbers stay numbers a spreadsheet can sum: quantities without grouping or
  trailing zeros ("500", "2.5"), money with two decimals and no symbol
  ("285000.00"); the currency and the percent sign go into the header
  (:func:`money_header`, :func:`percent_header`). Dates are ISO ("2026-03-01").
- Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
  tab, CR at the start) is prefixed with an apostrophe; a re-import strips it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.numbers import get_currency_name
from flask_babel import gettext as _

from volunteer_hub import numbers

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CENT = Decimal("0.01")
CSV_MIMETYPE = "text/csv; charset=utf-8"


def safe_text(value) -> str:
    """Text as a cell holds it: None empty, a formula defused."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def plain_quantity(value) -> str:
    """1500.000 → "1500", 2.500 → "2.5"; None → ""."""
    return numbers.plain_quantity(value)


def plain_money(value) -> str:
    """285000 → "285000.00"; None or not a number → ""."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError):
        return ""
    return f"{amount:f}"


def plain_date(value) -> str:
    """A date (or the date and minute of a time) in ISO form."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(value)


def currency_name() -> str:
    """The organisation's currency as the reader names it ("人民币",
    "Chinese yuan")."""
    code = numbers.organisation_currency()
    try:
        return get_currency_name(code, count=2, locale=numbers.babel_locale())
    except (ValueError, LookupError):
        return code


def with_unit(label, unit: str) -> str:
    return _("%(label)s (%(unit)s)", label=str(label), unit=unit)


def money_header(label) -> str:
    """ "价值（人民币）", "Value (Chinese yuan)": the cells below are plain."""
    return with_unit(label, currency_name())


def percent_header(label) -> str:
    return with_unit(label, "%")


def code_header(field: str) -> str:
    """The ASCII header of a code column, the same in every language."""
    return f"{field}_code"


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """The rows (already cells) as CSV text with a BOM and CRLF line ends."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    return csv_text(rows).encode("utf-8")
