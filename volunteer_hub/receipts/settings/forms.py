"""The receipt settings form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.receipts.forms import LANGUAGE_CHOICES, PAGE_CHOICES


class SettingsForm(FlaskForm):
    auto_issue = BooleanField(_l("Issue a receipt automatically with every intake"))
    language = SelectField(_l("Language of receipts"), choices=LANGUAGE_CHOICES)
    page_size = SelectField(_l("Paper size"), choices=PAGE_CHOICES)
    receipt_pattern = CleanStringField(
        _l("Receipt numbers"),
        validators=[InputRequired(), Length(max=64)],
        description=_l("For example KF-{year}-{seq:06}: {year} restarts every year."),
    )
    statement_pattern = CleanStringField(
        _l("Statement numbers"),
        validators=[InputRequired(), Length(max=64)],
    )
    goods_services_note = TextAreaField(
        _l("Goods or services given to donors in return (US rules)"),
        validators=[Optional(), Length(max=1000), NoControlCharacters()],
        description=_l("Leave empty when donors receive nothing in return."),
    )
    submit = SubmitField(_l("Save"))
