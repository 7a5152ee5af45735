"""The form of the donor's lookup page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField
from wtforms.validators import InputRequired, Length

from volunteer_hub.forms import CleanStringField, NoControlCharacters


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
