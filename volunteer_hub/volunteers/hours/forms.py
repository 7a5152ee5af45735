"""Forms of the coordinators' hours pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from volunteer_hub.volunteers.fields import optional_text, required_text


class HoursForm(FlaskForm):
    served_on = DateField(
        _l("Date served"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    hours = StringField(
        _l("Hours"),
        validators=[InputRequired(_l("Enter the hours.")), Length(max=10)],
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
        description=_l("In quarter hours, e.g. 2.5"),
    )
    description = required_text(_l("Project or activity"), 300)
    note = optional_text(_l("Note (optional)"), 500)
    submit = SubmitField(_l("Record hours"))


class CorrectionForm(HoursForm):
    reason = required_text(_l("Reason for the correction"), 500)
    cancel = BooleanField(_l("Cancel these hours completely (no replacement)"))
    submit = SubmitField(_l("Save correction"))


class ReviewForm(FlaskForm):
    note = optional_text(_l("Note (needed to reject)"), 500)
    approve = SubmitField(_l("Approve"))
    reject = SubmitField(_l("Reject"))
