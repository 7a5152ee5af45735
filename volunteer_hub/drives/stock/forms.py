"""Stock forms: an adjustment with its reason, a transfer between places."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, SelectField, SubmitField
from wtforms.validators import InputRequired

from volunteer_hub.drives.forms import choices, quantity, text
from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.stock.models import ADJUSTMENT_REASON_LABELS
from volunteer_hub.drives.stock.services import NO_PLACE


class AdjustForm(FlaskForm):
    item_id = SelectField(_l("Item"), coerce=str, validate_choice=False)
    point_id = SelectField(_l("Place"), coerce=str, validate_choice=False)
    quantity = DecimalField(
        _l("Change (negative to remove)"),
        validators=[InputRequired()],
        places=None,
        render_kw={"inputmode": "decimal", "step": "any"},
    )
    reason = SelectField(_l("Reason"), choices=choices(ADJUSTMENT_REASON_LABELS))
    note = text(_l("Note"), 500)
    submit = SubmitField(_l("Record adjustment"))


class TransferForm(FlaskForm):
    item_id = SelectField(_l("Item"), coerce=str, validate_choice=False)
    from_point = SelectField(_l("From"), coerce=str, validate_choice=False)
    to_point = SelectField(_l("To"), coerce=str, validate_choice=False)
    quantity = quantity(_l("Quantity"), required=True)
    note = text(_l("Note"), 500)
    submit = SubmitField(_l("Record transfer"))


def place_choices(drive: Drive) -> list[tuple[str, str]]:
    """The drive's drop-off points and "no place"."""
    places = [(str(p.id), p.name) for p in drive.points]
    return [*places, (NO_PLACE, _("No place"))]
