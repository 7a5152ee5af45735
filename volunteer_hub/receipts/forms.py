"""Forms of the staff receipt pages: issue, void, statements."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.receipts.models import LANGUAGE_LABELS

LANGUAGE_CHOICES = list(LANGUAGE_LABELS.items())
PAGE_CHOICES = [("A4", "A4"), ("A5", "A5")]


class IssueForm(FlaskForm):
    language = SelectField(_l("Language of the receipt"), choices=LANGUAGE_CHOICES)
    page_size = SelectField(_l("Paper size"), choices=PAGE_CHOICES)
    official_receipt_no = CleanStringField(
        _l("Number of the official donation receipt (optional)"),
        validators=[Optional(), Length(max=64), NoControlCharacters()],
        description=_l(
            "Only if the organisation also issued an official public-welfare "
            "donation receipt (公益事业捐赠票据)."
        ),
    )
    submit = SubmitField(_l("Issue receipt"))


class StatementForm(FlaskForm):
    year = IntegerField(
        _l("Year"),
        validators=[InputRequired(), NumberRange(min=2000, max=2100)],
        render_kw={"inputmode": "numeric"},
    )
    submit = SubmitField(_l("Issue yearly statement"))


class VoidForm(FlaskForm):
    reason = TextAreaField(
        _l("Why is this receipt void?"),
        validators=[InputRequired(), Length(max=500), NoControlCharacters()],
    )
    replace = BooleanField(_l("Issue a replacement with a new number"))
    official_receipt_no = CleanStringField(
        _l("Official receipt number for the replacement (optional)"),
        validators=[Optional(), Length(max=64), NoControlCharacters()],
    )
    submit = SubmitField(_l("Void receipt"))
