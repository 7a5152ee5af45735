"""What every report shares when it leaves the server: the PDF and CSV responses,
number formats and the heading lines (organisation, period, generation time)."""

from __future__ import annotations

from decimal import Decimal

from flask import Response, render_template
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _

from volunteer_hub import clock
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.pdf import organisation_context, render_pdf
from volunteer_hub.reports.csv_export import Section, download, write_csv
from volunteer_hub.reports.periods import Period


def fmt_qty(value) -> str:
    """1500.000 → "1,500"; 2.500 → "2.5"."""
    if value is None:
        return ""
    text = f"{Decimal(value):,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_money(value) -> str:
    return "" if value is None else f"{Decimal(value):,.2f}"


def fmt_pct(value) -> str:
    return f"{Decimal(value or 0):.1f}%"


def is_english() -> bool:
    return str(get_locale() or "").startswith("en")


def period_text(period: Period) -> str:
    return period.text() or _("All dates")


def generated_text() -> str:
    return format_datetime(clock.now(), "medium")


def heading_lines(title: str, period: Period) -> list[list[str]]:
    org = current_organisation()
    names = [org.name_zh, org.name_en] if org else []
    return [
        [name for name in names if name],
        [title],
        [_("Period"), period_text(period)],
        [_("Generated"), generated_text()],
    ]


def csv_response(
    title: str, period: Period, sections: list[Section], filename: str
) -> Response:
    data = write_csv(heading_lines(title, period), sections)
    return download(data, filename, "text/csv; charset=utf-8")


def pdf_response(template: str, title: str, period: Period, filename: str, **context):
    org = current_organisation()
    header = organisation_context(org) if org else {}
    data = render_pdf(
        template,
        title=title,
        lang="en" if is_english() else "zh-Hans",
        period=period_text(period),
        generated_at=generated_text(),
        **header,
        **context,
    )
    return download(data, filename, "application/pdf", inline=True)


def screen(template: str, **context) -> str:
    return render_template(template, **context)
