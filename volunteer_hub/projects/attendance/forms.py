"""The form a coordinator fills in after a shift: did the volunteer come?"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, RadioField, SubmitField
from wtforms.validators import InputRequired, NumberRange, Optional


class AttendanceForm(FlaskForm):
    outcome = RadioField(
        _l("Did the volunteer come?"),
        choices=[("attended", _l("Came")), ("no_show", _l("Did not come"))],
        validators=[InputRequired(_l("Choose one."))],
    )
    hours = DecimalField(
        _l("Hours served"),
        places=2,
        validators=[
            Optional(),
            NumberRange(0.25, 24, _l("Enter between 0.25 and 24 hours.")),
        ],
        render_kw={"inputmode": "decimal", "step": "0.25"},
    )
    submit = SubmitField(_l("Save"))
