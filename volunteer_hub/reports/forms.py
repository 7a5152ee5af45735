"""Report filters: read from the query string (GET forms need no CSRF token)."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from volunteer_hub.reports.periods import MAX_DAYS

FIRST_YEAR = 2000
LAST_YEAR = 2100


def _coerce_id(value) -> int:
    """A choice id; anything unreadable becomes 0 ("all"), never an exception."""
    try:
        return max(int(str(value)[:12]), 0)
    except (TypeError, ValueError):
        return 0


def _coerce_year(value) -> int:
    try:
        return int(str(value)[:6])
    except (TypeError, ValueError):
        return 0


class PeriodForm(FlaskForm):
    """From … to, both optional; ``to`` not before ``from``, at most five years."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)

    def validate_end(self, field):
        start, end = self.start.data, field.data
        if start and end and end < start:
            raise ValidationError(_l("The end date must not be before the start date."))
        if start and end and (end - start).days >= MAX_DAYS:
            raise ValidationError(_l("A report covers at most five years."))


class VolunteerReportForm(PeriodForm):
    specialty = SelectField(_l("Specialty"), coerce=_coerce_id, validate_choice=False)
    project = SelectField(_l("Project"), coerce=_coerce_id, validate_choice=False)

    def __init__(self, *, specialties, projects=(), **kwargs):
        super().__init__(**kwargs)
        self.specialty.choices = [(0, _l("All specialties")), *specialties]
        self.project.choices = [(0, _l("All projects")), *projects]
        if not projects:
            del self.project

    def validate_specialty(self, field):
        if field.data and field.data not in {key for key, _l in field.choices}:
            raise ValidationError(_l("Choose a specialty from the list."))

    def validate_project(self, field):
        if field.data and field.data not in {key for key, _l in field.choices}:
            raise ValidationError(_l("Choose a project from the list."))


class AnnualForm(FlaskForm):
    class Meta:
        csrf = False

    year = SelectField(_l("Year"), coerce=_coerce_year, validate_choice=False)

    def __init__(self, *, years, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        self.year.choices = [(y, str(y)) for y in years]

    def validate_year(self, field):
        if not FIRST_YEAR <= (field.data or 0) <= LAST_YEAR:
            raise ValidationError(_l("Choose a year from the list."))
