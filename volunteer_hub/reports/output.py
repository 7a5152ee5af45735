"""What every report shares when it leaves the server: the screen page, the PDF
and the CSV responses, and the heading lines (organisation, period, time)."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, render_template
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _

from volunteer_hub import clock, spreadsheet
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.pdf import organisation_context, render_pdf
from volunteer_hub.reports.blueprint import organisation_zone
from volunteer_hub.reports.periods import Period
from volunteer_hub.reports.tables import Table, write_csv


def is_english() -> bool:
    return str(get_locale() or "").startswith("en")


def period_text(period: Period) -> str:
    return period.text() or _("All dates")


def generated_text() -> str:
    return format_datetime(clock.now(), "medium")


def heading_lines(title: str, period: Period) -> list[list[str]]:
    """The CSV's first lines; the time is ISO, in the organisation's zone."""
    org = current_organisation()
    names = [org.name_zh, org.name_en] if org else []
    generated = clock.now().astimezone(organisation_zone())
    return [
        [name for name in names if name],
        [title],
        [_("Period"), period_text(period)],
        [_("Generated"), spreadsheet.plain_date(generated)],
    ]


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


def csv_response(
    title: str, period: Period, tables: dict[str, Table], filename: str
) -> Response:
    data = write_csv(heading_lines(title, period), tables.values())
    return download(data, filename, spreadsheet.CSV_MIMETYPE)


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


def respond(
    fmt: str,
    page: str,
    *,
    title: str,
    period: Period,
    name: str,
    folder: str = "reports",
    **context,
):
    """The report as ``fmt``: "csv" writes ``context["tables"]``, "pdf" renders
    ``<folder>/<page>_pdf.html``, anything else the screen ``<folder>/<page>.html``
    (which also needs the filter ``form`` in ``context``)."""
    if fmt == "csv":
        return csv_response(title, period, context["tables"], name + ".csv")
    if fmt == "pdf":
        context.pop("form", None)
        return pdf_response(
            f"{folder}/{page}_pdf.html", title, period, name + ".pdf", **context
        )
    return render_template(
        f"{folder}/{page}.html", title=title, period_text=period_text(period), **context
    )
