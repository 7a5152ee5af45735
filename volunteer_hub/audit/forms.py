from zoneinfo import ZoneInfo

from flask import request
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Length, Optional

from volunteer_hub.forms import CleanStringField, NoControlCharacters


class AuditFilterForm(FlaskForm):
    """Filters read from the query string; GET forms need no CSRF token."""

    class Meta:
        csrf = False

    entity_type = CleanStringField(
        _l("Record type"),
        validators=[Optional(), Length(max=64), NoControlCharacters()],
    )
    entity_id = CleanStringField(
        _l("Record number"),
        validators=[Optional(), Length(max=64), NoControlCharacters()],
    )
    action = CleanStringField(
        _l("Action"), validators=[Optional(), Length(max=64), NoControlCharacters()]
    )
    actor = SelectField(_l("Staff member"), coerce=int, validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *, staff, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        self.actor.choices = [(0, _l("Anyone"))] + [(u.id, u.name) for u in staff]

    def timezone(self):
        return ZoneInfo(str(get_timezone()))
