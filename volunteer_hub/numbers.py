"""Numbers as people read them: quantities, money and rates, through Babel.

One place formats every figure a person reads on a page or in a PDF, in the
language of the request (``flask_babel``):

- :func:`quantity`: "500", "1,500", "2.5": thousands grouped, no trailing zeros;
- :func:`money`: "¥285,000.00" in the organisation's currency;
- :func:`money_short`: public pages: "¥28.5万" in Chinese from 万 up, and
  "¥285,000" (whole units) in English;
- :func:`percent`: "45.5%" from 45.5 (a rate already in percent).

A currency's symbol is the one written in its own country ("¥" for CNY, "$"
for USD): English CLDR data writes "CN¥", which nobody in China reads.
Spreadsheets keep plain numbers: :func:`plain_quantity` ("500", no grouping).

``init_app`` registers these as Jinja filters, under their own names and the
older ones templates already use (``qty``, ``money``, ``report_qty`` …).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    get_currency_symbol,
)
from flask import Flask, has_app_context
from flask_babel import get_locale

from volunteer_hub.organisation.services import organisation_profile

QUANTITY_PATTERN = "#,##0.###"
PERCENT_PATTERN = "#,##0.#"
DEFAULT_CURRENCY = "CNY"
# From here up Chinese counts money in 万 (ten thousands).
WAN = Decimal(10000)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def babel_locale() -> Locale:
    """The request's language; Chinese where there is none (a script)."""
    locale = get_locale() if has_app_context() else None
    return locale or Locale("zh", script="Hans")


def _is_chinese() -> bool:
    return babel_locale().language == "zh"


def organisation_currency() -> str:
    org = organisation_profile() if has_app_context() else None
    return (org.currency if org is not None else None) or DEFAULT_CURRENCY


def home_symbol(currency: str) -> str:
    """The symbol the currency's own country writes ("¥" for CNY)."""
    try:
        home = Locale.parse(f"und_{currency[:2]}")
    except (UnknownLocaleError, ValueError):
        return get_currency_symbol(currency, babel_locale())
    return get_currency_symbol(currency, home)


def _with_home_symbol(text: str, currency: str) -> str:
    shown = get_currency_symbol(currency, babel_locale())
    return text.replace(shown, home_symbol(currency), 1)


def quantity(value) -> str:
    """1500.000 → "1,500"; 2.500 → "2.5"; None → ""."""
    number = _decimal(value)
    if number is None:
        return ""
    return format_decimal(number + 0, format=QUANTITY_PATTERN, locale=babel_locale())


def plain_quantity(value) -> str:
    """For a spreadsheet: 1500.000 → "1500", 2.500 → "2.5" (no grouping)."""
    number = _decimal(value)
    if number is None:
        return ""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def money(value, currency: str | None = None) -> str:
    """285000 → "¥285,000.00" in the organisation's (or the given) currency."""
    number = _decimal(value)
    if number is None:
        return ""
    currency = currency or organisation_currency()
    text = format_currency(number, currency, locale=babel_locale())
    return _with_home_symbol(text, currency)


def money_short(value, currency: str | None = None) -> str:
    """For public pages: "¥28.5万" (Chinese, from 万 up) or "¥285,000"."""
    number = _decimal(value)
    if number is None:
        return ""
    currency = currency or organisation_currency()
    if _is_chinese() and abs(number) >= WAN:
        text = format_compact_currency(
            number, currency, fraction_digits=1, locale=babel_locale()
        )
    else:
        text = format_currency(
            number.to_integral_value(),
            currency,
            format="¤#,##0",
            currency_digits=False,
            locale=babel_locale(),
        )
    return _with_home_symbol(text, currency)


def percent(value) -> str:
    """45.5 → "45.5%"; 50 → "50%" (the value is already in percent)."""
    number = _decimal(value) or Decimal(0)
    return format_decimal(number, format=PERCENT_PATTERN, locale=babel_locale()) + "%"


FILTERS = {
    "quantity": quantity,
    "money": money,
    "money_short": money_short,
    "percent": percent,
    # Older names, kept so that templates need no edit.
    "qty": quantity,
    "report_qty": quantity,
    "report_money": money,
    "report_pct": percent,
}


def init_app(app: Flask) -> None:
    """Register the filters (after the features, so these names win)."""
    for name, function in FILTERS.items():
        app.add_template_filter(function, name)
