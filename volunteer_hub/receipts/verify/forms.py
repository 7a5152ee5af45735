"""Forms of the public verification pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField
from wtforms.validators import InputRequired, Length

from volunteer_hub.forms import CleanStringField


class UploadForm(FlaskForm):
    document = FileField(
        _l("Receipt PDF"),
        validators=[FileRequired(_l("Choose the PDF file."))],
        render_kw={"accept": "application/pdf"},
    )
    submit = SubmitField(_l("Check this file"))


class CodeForm(FlaskForm):
    class Meta:
        csrf = False

    code = CleanStringField(
        _l("Verification code"),
        validators=[InputRequired(), Length(max=40)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters"},
    )
    submit = SubmitField(_l("Check"))
