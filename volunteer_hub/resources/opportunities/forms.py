"""Forms of the opportunity and qualification-document pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from volunteer_hub.forms import NoControlCharacters
from volunteer_hub.resources.forms import (
    IdSelectField,
    MultiCheckboxField,
    partner_choices,
    text,
)
from volunteer_hub.resources.labels import (
    DOCUMENT_KIND_LABELS,
    OPPORTUNITY_KIND_LABELS,
    choices,
)


class OpportunityForm(FlaskForm):
    title = text(_l("Title"), 200, required=True)
    buyer_id = IdSelectField(_l("Buyer or organiser"))
    kind = SelectField(_l("Kind"), choices=choices(OPPORTUNITY_KIND_LABELS))
    amount = DecimalField(
        _l("Amount (yuan)"),
        places=2,
        validators=[Optional(), NumberRange(min=0, max=999_999_999)],
    )
    deadline = DateField(_l("Submission deadline"), validators=[Optional()])
    decision_on = DateField(_l("Decision expected on"), validators=[Optional()])
    required_documents = MultiCheckboxField(
        _l("Qualification documents required"), choices=choices(DOCUMENT_KIND_LABELS)
    )
    notes = TextAreaField(
        _l("Notes"), validators=[Optional(), Length(max=5000), NoControlCharacters()]
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.buyer_id.choices = partner_choices(_l("Choose a partner"))


class DocumentForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=choices(DOCUMENT_KIND_LABELS))
    title = text(_l("Title"), 200)
    number = text(_l("Number"), 100)
    issued_on = DateField(_l("Issued on"), validators=[Optional()])
    expires_on = DateField(_l("Expires on"), validators=[Optional()])
    note = text(_l("Note"), 500)
    submit = SubmitField(_l("Record the document"))
