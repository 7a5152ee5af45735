"""The form that asks for a certificate of a period."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from volunteer_hub import clock


class CertificateRequestForm(FlaskForm):
    period_start = DateField(
        _l("From"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    period_end = DateField(
        _l("To"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    submit = SubmitField(_l("Get certificate (PDF)"))

    def validate_period_end(self, field):
        if (
            self.period_start.data
            and field.data
            and field.data < self.period_start.data
        ):
            raise ValidationError(_l("The end must not be before the start."))


def default_request_form() -> CertificateRequestForm:
    """An unsubmitted form for this year so far."""
    today = clock.now().date()
    return CertificateRequestForm(
        formdata=None, period_start=today.replace(month=1, day=1), period_end=today
    )
