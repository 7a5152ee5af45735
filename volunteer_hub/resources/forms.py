"""Form pieces shared by the resources pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField, SelectMultipleField, widgets
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from volunteer_hub.extensions import db
from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.resources.partners.models import Partner


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def text(label, limit, required=False, **kwargs):
    first = InputRequired(_l("This field is required.")) if required else Optional()
    return CleanStringField(
        label, validators=[first, Length(max=limit), NoControlCharacters()], **kwargs
    )


def coerce_id(value) -> int:
    """A choice id; anything unreadable becomes 0, never an exception."""
    try:
        return max(int(str(value)[:12]), 0)
    except (TypeError, ValueError):
        return 0


class IdSelectField(SelectField):
    """A select of record ids whose unknown values get a message, not a 500."""

    def __init__(self, label, **kwargs):
        super().__init__(label, coerce=coerce_id, validate_choice=False, **kwargs)

    def pre_validate(self, form):
        if self.data and self.data not in {key for key, _label in self.choices}:
            raise ValidationError(_l("Choose from the list."))


def partner_choices(empty_label=None) -> list:

    rows = db.session.execute(select(Partner.id, Partner.name).order_by(Partner.name))
    head = [(0, empty_label)] if empty_label else []
    return head + [(pid, name) for pid, name in rows]
