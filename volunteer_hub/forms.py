"""Form pieces shared by every feature."""

from __future__ import annotations

import functools

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.i18n import messages_path
from wtforms.validators import ValidationError

from volunteer_hub.ids import parse_id


def search_text(raw: str | None, limit: int = 100) -> str:
    """A search box's text, safe to compare in SQL: control characters (NUL,
    which PostgreSQL refuses even in a comparison) removed, trimmed, at most
    ``limit`` characters."""
    text = "".join(c for c in (raw or "") if c.isprintable() or c == " ")
    return text.strip()[:limit]


@functools.cache
def wtforms_catalogue(locale: str):
    """WTForms' own messages (``Field cannot be longer…``) in ``locale``, read
    once per process; Flask-WTF reads the file again for every form's request."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class CachedTranslations:
    """A form's ``Meta`` base: WTForms' messages from ``wtforms_catalogue``."""

    def get_translations(self, form):
        if not current_app.config.get("WTF_I18N_ENABLED", True):
            return super().get_translations(form)
        return wtforms_catalogue(str(get_locale()))


class NoControlCharacters:
    """Refuse text with control characters (other than tab and newline)."""

    def __call__(self, form, field):
        value = field.data or ""
        if any(ord(c) < 32 and c not in "\t\r\n" for c in value):
            raise ValidationError(
                _l("This text contains characters that are not allowed.")
            )


class CleanStringField(StringField):
    """A text field whose value is stripped of surrounding white space."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = self.data.strip()


class IdField(IntegerField):
    """A record number typed or chosen in a form: 1 to 2**31 - 1.

    Anything else (``²``, a 23-digit number, a negative one) is a field error
    rather than a value the database would refuse; an empty value leaves
    ``data`` None for ``InputRequired`` or ``Optional`` to judge.
    """

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        self.data = parse_id(valuelist[0])
        if self.data is None:
            raise ValueError(_l("Enter the number shown on the record."))
