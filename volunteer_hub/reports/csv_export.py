"""CSV for spreadsheets: UTF-8 with a byte-order mark, one file per report.

A report is written as sections, each a title line, a header line and rows, with
an empty line between sections. Text that a spreadsheet would read as a formula
(``=``, ``+``, ``-``, ``@`` at the start) is prefixed with an apostrophe; numbers
are written plainly so they stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from flask import Response

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Section:
    title: str
    headers: Sequence[str]
    rows: list[Sequence] = field(default_factory=list)


def cell(value) -> str:
    """One cell as text: Decimals plainly, None empty, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(heading: Sequence[Sequence], sections: Iterable[Section]) -> bytes:
    """The file: ``heading`` lines (organisation, period …), then the sections."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in heading:
        writer.writerow([cell(v) for v in line])
    for section in sections:
        writer.writerow([])
        writer.writerow([cell(section.title)])
        writer.writerow([cell(h) for h in section.headers])
        for row in section.rows:
            writer.writerow([cell(v) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def download(data: bytes, filename: str, mimetype: str, inline=False) -> Response:
    """A file with an ASCII fallback name and the UTF-8 name (RFC 6266); ``inline``
    lets a phone's browser show it instead of saving it."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "report"
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'{"inline" if inline else "attachment"}; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(filename)}"
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
