"""Forms of the receipts pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    SubmitField,
    TextAreaField,
)
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
            "Only if the organisation also issued an official 公益事业捐赠票据."
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


class LookupForm(FlaskForm):
    contact = CleanStringField(
        _l("Your phone number or e-mail"),
        validators=[InputRequired(), Length(max=254), NoControlCharacters()],
        render_kw={"autocomplete": "tel"},
    )
    code = CleanStringField(
        _l("Verification code of one of your receipts"),
        validators=[InputRequired(), Length(max=40), NoControlCharacters()],
        description=_l(
            'Printed on every receipt next to the QR code, after "Verification '
            'code", e.g. K7QM-2XPA-9D (not the receipt number).'
        ),
        render_kw={"autocomplete": "off", "autocapitalize": "characters"},
    )
    submit = SubmitField(_l("Find my receipts"))


class SendLinkForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[Optional(), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )
    submit = SubmitField(_l("Send by e-mail"))
