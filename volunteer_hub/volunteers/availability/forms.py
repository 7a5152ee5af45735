"""Forms of the volunteer's availability page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, SubmitField
from wtforms.validators import InputRequired

from volunteer_hub.matching.model import PARTS
from volunteer_hub.volunteers.fields import (
    SLOT_CHOICES,
    MultiCheckboxField,
    optional_text,
    slot_pairs,
)
from volunteer_hub.volunteers.labels import PART_LABELS


class AvailabilityForm(FlaskForm):
    slots = MultiCheckboxField(
        _l("When can you usually help?"), choices=SLOT_CHOICES, validate_choice=False
    )
    submit = SubmitField(_l("Save"))

    def slot_pairs(self) -> set[tuple[int, str]]:
        return slot_pairs(self.slots.data)


class ExceptionForm(FlaskForm):
    day = DateField(
        _l("Date"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    part = SelectField(
        _l("Time of day"),
        choices=[("", _l("Whole day"))] + [(p, PART_LABELS[p]) for p in PARTS],
        default="",
    )
    available = SelectField(
        _l("On that day I am"),
        choices=[("no", _l("not available")), ("yes", _l("available"))],
        default="no",
    )
    note = optional_text(_l("Note (optional)"), 200)
    submit = SubmitField(_l("Add date"))
