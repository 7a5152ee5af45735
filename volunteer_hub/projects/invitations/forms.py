"""The volunteer's answer to an invitation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Length, Optional

from volunteer_hub.forms import CleanStringField, NoControlCharacters


class ReplyForm(FlaskForm):
    note = CleanStringField(
        _l("Message to the coordinator (optional)"),
        validators=[Optional(), Length(max=500), NoControlCharacters()],
    )
