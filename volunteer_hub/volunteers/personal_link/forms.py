"""The form of the lost-link page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField
from wtforms.validators import InputRequired

from volunteer_hub.forms import CleanStringField
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.fields import checked
from volunteer_hub.volunteers.profile.services import region


class LinkRequestForm(FlaskForm):
    phone = CleanStringField(
        _l("Mobile phone"),
        validators=[InputRequired(_l("Please enter your mobile number."))],
        render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel"},
    )
    submit = SubmitField(_l("Send me my link"))

    def without_mail(self) -> LinkRequestForm:
        """No mail server: a coordinator passes the link on, the button says so."""
        self.submit.label.text = _l("Ask for my link")
        return self

    def validate_phone(self, field):
        field.data = checked(
            lambda: personal.normalise_phone(field.data, region()), field
        )
