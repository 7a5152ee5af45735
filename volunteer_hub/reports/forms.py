"""Report filters: read from the query string (GET forms need no CSRF token)."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional, ValidationError

from volunteer_hub.reports.periods import MAX_DAYS


def coerce_id(value) -> int:
    """A choice id; anything unreadable becomes 0 ("all"), never an exception."""
    try:
        return max(int(str(value)[:12]), 0)
    except (TypeError, ValueError):
        return 0


def coerce_year(value) -> int:
    try:
        return int(str(value)[:6])
    except (TypeError, ValueError):
        return 0


class PeriodForm(FlaskForm):
    """From … to, both optional; ``to`` not before ``from``, at most five years."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)

    def validate_end(self, field):
        start, end = self.start.data, field.data
        if start and end and end < start:
            raise ValidationError(_l("The end date must not be before the start date."))
        if start and end and (end - start).days >= MAX_DAYS:
            raise ValidationError(_l("A report covers at most five years."))
