"""The annual summary's filter: the year."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import ValidationError

from volunteer_hub.reports.forms import coerce_year

FIRST_YEAR = 2000
LAST_YEAR = 2100


class AnnualForm(FlaskForm):
    class Meta:
        csrf = False

    year = SelectField(_l("Year"), coerce=coerce_year, validate_choice=False)

    def __init__(self, *, years, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        self.year.choices = [(y, str(y)) for y in years]

    def validate_year(self, field):
        if not FIRST_YEAR <= (field.data or 0) <= LAST_YEAR:
            raise ValidationError(_l("Choose a year from the list."))
