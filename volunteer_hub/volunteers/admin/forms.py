"""Forms of the admin pages: specialties, settings, the privacy notice."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from volunteer_hub.forms import NoControlCharacters
from volunteer_hub.volunteers.fields import optional_text, required_text


class SpecialtyForm(FlaskForm):
    code = optional_text(
        _l("Code"), 32, description=_l("Short English code, e.g. first_aid.")
    )
    name_zh = required_text(_l("Name in Chinese"), 100)
    name_en = optional_text(_l("Name in English"), 100)
    description = optional_text(_l("Description"), 500)
    position = IntegerField(
        _l("Position in lists"),
        validators=[Optional(), NumberRange(0, 1000)],
        render_kw={"inputmode": "numeric"},
    )
    submit = SubmitField(_l("Save"))


class SettingsForm(FlaskForm):
    collect_id_number = BooleanField(
        _l("Ask for an ID number on sign-up (optional for the volunteer)")
    )
    certificate_full_id = BooleanField(
        _l("Print the full ID number on certificates (otherwise masked)")
    )
    auto_approve = BooleanField(_l("Approve new sign-ups automatically"))
    submit = SubmitField(_l("Save"))


class NoticeForm(FlaskForm):
    text_zh = TextAreaField(
        _l("Privacy notice in Chinese"),
        validators=[
            InputRequired(_l("Enter the text of the notice.")),
            Length(max=10000),
            NoControlCharacters(),
        ],
        render_kw={"rows": 8},
    )
    text_en = TextAreaField(
        _l("Privacy notice in English"),
        validators=[Optional(), Length(max=10000), NoControlCharacters()],
        render_kw={"rows": 8},
    )
    submit = SubmitField(_l("Publish as a new version"))
