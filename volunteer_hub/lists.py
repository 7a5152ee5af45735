"""Lists as each language writes them: "A, B, and C" in English, "A、B和C" in
Chinese (Babel's CLDR patterns, in the language of the request).

``init_app`` registers :func:`join_list_markup` as the Jinja filter
``join_list``: it escapes each item (keeping items already marked safe, such
as links) and joins them.
"""

from __future__ import annotations

from babel import Locale
from babel.lists import format_list
from flask import Flask, has_app_context
from flask_babel import get_locale
from markupsafe import Markup, escape


def join_list(items) -> str:
    """The items' text joined for the reader's language (Chinese where there is
    no request); "" for no items."""
    words = [str(item) for item in items]
    if not words:
        return ""
    # As numbers.babel_locale does (importing numbers here would be a cycle):
    # "Hans" is the script, not a territory.
    locale = (get_locale() if has_app_context() else None) or Locale(
        "zh", script="Hans"
    )
    return format_list(words, locale=locale)


def join_list_markup(items) -> Markup:
    """``join_list`` for templates: every item escaped unless already safe."""
    return Markup(join_list([escape(item) for item in items]))


def init_app(app: Flask) -> None:
    app.add_template_filter(join_list_markup, "join_list")
