"""Forms of the funding plan and of the admin's settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from volunteer_hub.resources.forms import IdSelectField, text
from volunteer_hub.resources.labels import (
    BUDGET_CATEGORY_LABELS,
    HOUR_LEVEL_LABELS,
    choices,
)


def _money(label, top=999_999_999):
    return DecimalField(
        label,
        places=2,
        validators=[
            InputRequired(_l("Enter an amount.")),
            NumberRange(
                min=0,
                max=top,
                message=_l("Enter an amount between 0 and %(max)s.", max=top),
            ),
        ],
    )


class LineForm(FlaskForm):
    category = SelectField(_l("Category"), choices=choices(BUDGET_CATEGORY_LABELS))
    title = text(_l("Line"), 200)
    amount = _money(_l("Budget (yuan)"))
    submit = SubmitField(_l("Add the line"))


class ShareForm(FlaskForm):
    line_id = IdSelectField(_l("Budget line"))
    contribution_id = IdSelectField(_l("Money from"))
    amount = _money(_l("Share (yuan)"))
    submit = SubmitField(_l("Add the share"))


class SettingsForm(FlaskForm):
    personnel_share = _money(_l("Personnel and management share of a budget (%)"), 100)
    hour_none = _money(HOUR_LEVEL_LABELS["none"], 100_000)
    hour_interested = _money(HOUR_LEVEL_LABELS["interested"], 100_000)
    hour_experienced = _money(HOUR_LEVEL_LABELS["experienced"], 100_000)
    hour_certified = _money(HOUR_LEVEL_LABELS["certified"], 100_000)
    submit = SubmitField(_l("Save"))

    def hour_fields(self):
        return [getattr(self, f"hour_{level}") for level in HOUR_LEVEL_LABELS]
