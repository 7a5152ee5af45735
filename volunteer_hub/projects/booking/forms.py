"""Forms of the matching pages: proposing a volunteer, auto-fill, the weights."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, HiddenField, SubmitField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from volunteer_hub.forms import IdField
from volunteer_hub.matching.model import Weights


class AutofillForm(FlaskForm):
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    submit = SubmitField(_l("Propose a roster"))

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("The end date cannot be before the start."))


class AssignForm(FlaskForm):
    """The hidden fields of a "propose" button (candidates list, replacement)."""

    volunteer_id = IdField(validators=[InputRequired()])
    origin = HiddenField()
    next = HiddenField()

    @property
    def chosen_origin(self) -> str:
        return "replacement" if self.origin.data == "replacement" else "manual"


WEIGHT_LABELS = {
    "specialty": _l("Specialty and level"),
    "certificate": _l("Valid certificate"),
    "availability": _l("Available at that time"),
    "district": _l("Same district"),
    "core": _l("Core volunteer"),
    "load": _l("Spreading the load (fewer recent hours)"),
    "attendance": _l("Attendance record"),
}


def weights_form_class():
    """A form with one number field per matching weight."""

    class WeightsForm(FlaskForm):
        submit = SubmitField(_l("Save weights"))

    for name, label in WEIGHT_LABELS.items():
        default = getattr(Weights(), name)
        field = DecimalField(
            label,
            places=1,
            default=default,
            description=_l("Default: %(n)s", n=format(default, "g")),
            validators=[
                InputRequired(_l("Enter a number.")),
                NumberRange(0, 100, _l("Enter a number from 0 to 100.")),
            ],
            render_kw={"inputmode": "decimal", "step": "0.5"},
        )
        setattr(WeightsForm, name, field)
    return WeightsForm
