"""Forms of the project and shift pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
    TimeField,
    widgets,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.matching.model import LEVELS
from volunteer_hub.projects.labels import PROJECT_STATUS_LABELS
from volunteer_hub.volunteers.labels import LEVEL_LABELS, WEEKDAYS


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _text(label, limit, required=False, **kwargs):
    first = InputRequired(_l("This field is required.")) if required else Optional()
    return CleanStringField(
        label, validators=[first, Length(max=limit), NoControlCharacters()], **kwargs
    )


class ProjectForm(FlaskForm):
    name_zh = _text(_l("Name in Chinese"), 200, required=True)
    name_en = _text(_l("Name in English"), 200)
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=5000), NoControlCharacters()],
    )
    place = _text(
        _l("Place"), 300, description=_l("Address or meeting point of the project.")
    )
    district = _text(
        _l("District or community"),
        100,
        description=_l("Volunteers from the same district rank higher."),
    )
    start_date = DateField(_l("First day"), validators=[Optional()])
    end_date = DateField(_l("Last day"), validators=[Optional()])
    status = SelectField(
        _l("Status"), choices=[(k, v) for k, v in PROJECT_STATUS_LABELS.items()]
    )
    partner = _text(_l("Partner or funder"), 200)
    specialty_ids = MultiCheckboxField(
        _l("Specialties the project needs"), coerce=int, choices=[]
    )
    submit = SubmitField(_l("Save"))


LEVEL_CHOICES = [("", _l("Any level"))] + [(lv, LEVEL_LABELS[lv]) for lv in LEVELS]


class ShiftForm(FlaskForm):
    day = DateField(_l("Date"), validators=[InputRequired(_l("Enter a date."))])
    start_time = TimeField(
        _l("Starts at"), validators=[InputRequired(_l("Enter a time."))]
    )
    end_time = TimeField(_l("Ends at"), validators=[InputRequired(_l("Enter a time."))])
    slots = IntegerField(
        _l("Volunteers needed"),
        default=1,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 500, _l("Enter a number of volunteers from 1 to 500.")),
        ],
        render_kw={"inputmode": "numeric", "min": 1, "max": 500},
    )
    place = _text(_l("Place"), 300, description=_l("Leave empty to use the project's."))
    district = _text(
        _l("District or community"),
        100,
        description=_l("Leave empty to use the project's."),
    )
    specialty_id = SelectField(_l("Specialty needed"), coerce=int, choices=[])
    min_level = SelectField(_l("Minimum level"), choices=LEVEL_CHOICES)
    requires_certificate = BooleanField(
        _l("A valid certificate is required"),
        description=_l(
            "Volunteers without one, or whose one has expired, cannot take it."
        ),
    )
    notes = TextAreaField(
        _l("Notes for volunteers"),
        validators=[Optional(), Length(max=1000), NoControlCharacters()],
    )
    submit = SubmitField(_l("Save shift"))


WEEKDAY_CHOICES = [(i, name) for i, name in enumerate(WEEKDAYS)]


class CopyForm(FlaskForm):
    weekdays = MultiCheckboxField(
        _l("On these days of the week"), coerce=int, choices=WEEKDAY_CHOICES
    )
    weeks = IntegerField(
        _l("For how many weeks"),
        default=2,
        description=_l("Counting the week of this shift."),
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 26, _l("Enter a number of weeks from 1 to 26.")),
        ],
        render_kw={"inputmode": "numeric", "min": 1, "max": 26},
    )
    submit = SubmitField(_l("Make the copies"))


class CancelForm(FlaskForm):
    reason = _text(_l("Reason"), 500)
    submit = SubmitField(_l("Cancel the shift"))
