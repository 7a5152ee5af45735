"""The volunteer report's filters: a period, a specialty, a project."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import ValidationError

from volunteer_hub.reports.forms import PeriodForm, coerce_id


class VolunteerReportForm(PeriodForm):
    specialty = SelectField(_l("Specialty"), coerce=coerce_id, validate_choice=False)
    project = SelectField(_l("Project"), coerce=coerce_id, validate_choice=False)

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
