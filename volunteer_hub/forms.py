"""Form pieces shared by every feature."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import ValidationError


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
