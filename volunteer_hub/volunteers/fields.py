"""Form fields every volunteer form shares: short texts and the weekly slots."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, widgets
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from volunteer_hub.errors import DomainError
from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.matching.model import PARTS
from volunteer_hub.volunteers.labels import PART_LABELS, WEEKDAYS

SLOT_CHOICES = [
    (f"{day}-{part}", f"{WEEKDAYS[day]} {PART_LABELS[part]}")
    for day in range(7)
    for part in PARTS
]


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        # Unknown values are an error, not a crash.
        values = {value for value, _label in SLOT_CHOICES}
        if any(item not in values for item in self.data or ()):
            raise ValidationError(_l("Choose times from the list."))


def optional_text(label, limit, **kwargs):
    return CleanStringField(
        label,
        validators=[Optional(), Length(max=limit), NoControlCharacters()],
        **kwargs,
    )


def required_text(label, limit, **kwargs):
    return CleanStringField(
        label,
        validators=[
            InputRequired(_l("This field is required.")),
            Length(max=limit),
            NoControlCharacters(),
        ],
        **kwargs,
    )


def checked(check, field):
    try:
        return check()
    except DomainError as error:
        raise ValidationError(str(error.message)) from None


def slot_pairs(values) -> set[tuple[int, str]]:
    """``["5-morning", …]`` (already validated against SLOT_CHOICES) as pairs."""
    pairs = set()
    for value in values or ():
        day, _, part = value.partition("-")
        pairs.add((int(day), part))
    return pairs
