"""The pledge form, with one quantity field per item of the drive."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from volunteer_hub.drives.donors.forms import DonorFields
from volunteer_hub.drives.forms import long_text, quantity
from volunteer_hub.forms import NoControlCharacters


class PledgeForm(DonorFields):
    """The pledge form; ``pledge_form_for`` adds a quantity field per item."""

    expected_on = DateField(_l("When will you bring it?"), validators=[Optional()])
    note = long_text(_l("Note"), 1000)
    submit = SubmitField(_l("Pledge"))

    def pledge(self) -> dict:
        """What ``pledges.services.record_pledge`` takes: the fields, and ``lines``
        [(item id, quantity), …] from the filled-in quantity fields."""
        lines = [
            (int(name.removeprefix("quantity_")), field.data)
            for name, field in self._fields.items()
            if name.startswith("quantity_") and field.data is not None
        ]
        return {**self.data, "lines": lines}


def pledge_form_for(items, *, require_donor=True, **kwargs) -> PledgeForm:
    """A PledgeForm with a ``quantity_<item id>`` field for each of ``items``."""

    class DrivePledgeForm(PledgeForm):
        pass

    for item in items:
        setattr(
            DrivePledgeForm,
            f"quantity_{item.id}",
            quantity(item.name_zh),
        )
    form = DrivePledgeForm(**kwargs)
    form.donor_phone.description = _l(
        "So that the coordinators can reach you; not shown publicly."
    )
    if require_donor:
        form.donor_name.validators = [
            InputRequired(),
            Length(max=200),
            NoControlCharacters(),
        ]
        form.donor_name.flags.required = True
    return form


def label_quantities(form, items) -> None:
    """Label each quantity field with the item's name (in the reader's language)."""
    locale = get_locale()
    for item in items:
        form[f"quantity_{item.id}"].label.text = f"{item.name(locale)} ({item.unit})"
