"""The contribution form: sized for a phone, one column, plain HTML."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SubmitField,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from volunteer_hub.drives.models import Drive
from volunteer_hub.extensions import db
from volunteer_hub.projects.models import Project
from volunteer_hub.resources.forms import IdSelectField, partner_choices, text
from volunteer_hub.resources.labels import (
    BUDGET_CATEGORY_LABELS,
    CONTRIBUTION_KIND_LABELS,
    VALUE_BASIS_LABELS,
    choices,
)

AMOUNT = [
    Optional(),
    NumberRange(
        min=0, max=999_999_999, message=_l("Enter an amount between 0 and 999,999,999.")
    ),
]


def _projects():

    rows = db.session.execute(
        select(Project.id, Project.name_zh).order_by(Project.id.desc())
    )
    return [(0, _l("No project"))] + [(pid, name) for pid, name in rows]


def _drives():

    rows = db.session.execute(
        select(Drive.id, Drive.title_zh).order_by(Drive.id.desc())
    )
    return [(0, _l("No drive"))] + [(did, title) for did, title in rows]


class ContributionForm(FlaskForm):
    partner_id = IdSelectField(_l("From"))
    kind = SelectField(_l("What was given"), choices=choices(CONTRIBUTION_KIND_LABELS))
    description = text(_l("Description"), 500)
    quantity = DecimalField(
        _l("Quantity"),
        places=3,
        validators=AMOUNT,
        description=_l("For a venue: the number of days."),
    )
    unit = text(_l("Unit"), 20)
    value_amount = DecimalField(_l("Value (yuan)"), places=2, validators=AMOUNT)
    value_basis = SelectField(
        _l("Basis of the value"), choices=choices(VALUE_BASIS_LABELS)
    )
    restricted = BooleanField(_l("Restricted to a purpose"))
    purpose = text(_l("Purpose"), 500)
    restricted_category = SelectField(
        _l("Budget lines it may cover"),
        choices=[("", _l("Any line of the project"))] + choices(BUDGET_CATEGORY_LABELS),
        default="",
    )
    given_on = DateField(_l("Date"), validators=[InputRequired(_l("Enter a date."))])
    until = DateField(_l("Until"), validators=[Optional()])
    project_id = IdSelectField(_l("For the project"))
    drive_id = IdSelectField(_l("For the drive"))
    intake_id = IntegerField(
        _l("Intake number in the drive's records"),
        validators=[Optional(), NumberRange(min=1, max=2_000_000_000)],
        description=_l(
            "Only for goods already counted at intake: they are then not counted twice."
        ),
    )
    submit = SubmitField(_l("Record the contribution"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner_id.choices = partner_choices(_l("Our organisation's own money"))
        self.project_id.choices = _projects()
        self.drive_id.choices = _drives()


class ReverseForm(FlaskForm):
    reason = text(_l("Why is this entry cancelled?"), 500, required=True)
    submit = SubmitField(_l("Cancel this entry"))
