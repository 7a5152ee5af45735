"""Forms of the roster: filters, CSV import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, SubmitField
from wtforms.validators import NumberRange, Optional

from volunteer_hub.matching.model import LEVELS, PARTS, STATUSES
from volunteer_hub.volunteers.fields import optional_text
from volunteer_hub.volunteers.labels import (
    LEVEL_LABELS,
    PART_LABELS,
    STATUS_LABELS,
    WEEKDAYS,
)


class RosterFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = optional_text(_l("Name, phone or number"), 100, render_kw={"type": "search"})
    specialty = SelectField(_l("Specialty"), choices=[], validate_choice=False)
    level = SelectField(
        _l("At least"),
        choices=[("", _l("Any level"))] + [(lv, LEVEL_LABELS[lv]) for lv in LEVELS],
    )
    weekday = SelectField(
        _l("Available on"),
        choices=[("", _l("Any day"))]
        + [(str(i), name) for i, name in enumerate(WEEKDAYS)],
    )
    part = SelectField(
        _l("Time of day"),
        choices=[("", _l("Any time"))] + [(p, PART_LABELS[p]) for p in PARTS],
    )
    district = optional_text(_l("District or community"), 100)
    status = SelectField(
        _l("Status"),
        choices=[("", _l("All except withdrawn"))]
        + [(s, STATUS_LABELS[s]) for s in STATUSES],
    )
    core = SelectField(
        _l("Core volunteers"),
        choices=[("", _l("All")), ("yes", _l("Core only")), ("no", _l("Not core"))],
    )
    expiring = IntegerField(
        _l("Certificate expires within (days)"),
        validators=[Optional(), NumberRange(0, 3650)],
        render_kw={"inputmode": "numeric"},
    )

    def set_specialties(self, specialties, locale):
        self.specialty.choices = [("", _l("Any specialty"))] + [
            (str(s.id), s.display_name(locale)) for s in specialties
        ]


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(_l("Choose a CSV file."))],
        render_kw={"accept": ".csv,text/csv"},
        description=_l(
            "UTF-8 or GB18030, at most 512 KB; the first line names the columns."
        ),
    )
    submit = SubmitField(_l("Check the file"))


class ConfirmImportForm(FlaskForm):
    content = HiddenField()
    submit = SubmitField(_l("Import the accepted rows"))
