"""Forms of the partner pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional

from volunteer_hub.forms import NoControlCharacters
from volunteer_hub.resources.forms import MultiCheckboxField, text
from volunteer_hub.resources.labels import (
    LOG_KIND_LABELS,
    PARTNER_TYPE_LABELS,
    RESOURCE_KIND_LABELS,
    choices,
)


class PartnerForm(FlaskForm):
    name = text(_l("Name"), 200, required=True)
    partner_type = SelectField(_l("Type"), choices=choices(PARTNER_TYPE_LABELS))
    resource_kinds = MultiCheckboxField(
        _l("Resources they can give"), choices=choices(RESOURCE_KIND_LABELS)
    )
    address = text(_l("Address"), 300)
    notes = TextAreaField(
        _l("Notes"), validators=[Optional(), Length(max=5000), NoControlCharacters()]
    )
    submit = SubmitField(_l("Save"))


class ContactForm(FlaskForm):
    name = text(_l("Contact name"), 100, required=True)
    position = text(_l("Position"), 100)
    phone = text(_l("Phone"), 40)
    email = text(_l("E-mail"), 200)
    submit = SubmitField(_l("Add the contact"))

    def validate_email(self, field):
        if field.data:
            Email(_l("Enter a valid e-mail address."))(self, field)


class LogForm(FlaskForm):
    kind = SelectField(_l("What happened"), choices=choices(LOG_KIND_LABELS))
    happened_on = DateField(_l("Date"), validators=[InputRequired(_l("Enter a date."))])
    summary = TextAreaField(
        _l("Summary"),
        validators=[
            InputRequired(_l("This field is required.")),
            Length(max=2000),
            NoControlCharacters(),
        ],
    )
    submit = SubmitField(_l("Add to the log"))
