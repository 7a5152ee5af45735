"""Distribution forms: goods handed over, and passing an intake straight on."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SubmitField

from volunteer_hub import numbers
from volunteer_hub.drives.forms import long_text, quantity, text
from volunteer_hub.drives.models import Drive


class DistributionFields(FlaskForm):
    recipient = text(_l("Beneficiary or site"), 300, required=True)
    destination = text(_l("Address or town"), 500)
    handed_over_by = text(_l("Handed over by"), 100, required=True)
    received_by = text(_l("Received by"), 100, required=True)
    show_publicly = BooleanField(_l("List on the public page"), default=True)
    note = long_text(_l("Note"), 1000)


class DistributionForm(DistributionFields):
    """``distribution_form_for`` adds a ``qty_<item id>`` field per item."""

    point_id = SelectField(_l("From"), coerce=str, validate_choice=False)
    submit = SubmitField(_l("Record distribution"))

    def distribution(self) -> dict:
        """What ``distributions.services.distribute_goods`` takes."""
        lines = [
            (int(name.removeprefix("qty_")), field.data)
            for name, field in self._fields.items()
            if name.startswith("qty_") and field.data is not None
        ]
        return {**self.data, "lines": lines}


class PassThroughForm(DistributionFields):
    submit = SubmitField(_l("Distribute all of it"))


def distribution_form_for(drive: Drive, rows: dict) -> DistributionForm:
    """The form with a quantity per item of ``drive``, its stock (``rows``: item
    id → progress row) shown as help."""
    locale = get_locale()

    class Form(DistributionForm):
        pass

    for item in drive.items:
        have = numbers.quantity(rows[item.id].on_hand)
        setattr(
            Form,
            f"qty_{item.id}",
            quantity(
                f"{item.name(locale)} ({item.unit})",
                description=_("On hand: %(quantity)s", quantity=have),
            ),
        )
    return Form()
