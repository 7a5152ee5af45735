"""The intake form: who and where, then one sub-form per delivered item.

The lines are a ``FieldList`` named ``line`` (inputs ``line-0-item``,
``line-0-quantity_received`` …), so a service error naming ``line-<n>-<field>``
(``intake.services.line_field``) lands on that line's field.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, FormField, SelectField, SubmitField
from wtforms.validators import Optional

from volunteer_hub.drives.donors.forms import DonorFields
from volunteer_hub.drives.forms import choices, long_text, money, quantity, text
from volunteer_hub.drives.intake.models import CONDITION_LABELS, VALUATION_BASIS_LABELS
from volunteer_hub.drives.models import Drive

DEFAULT_LINES, MAX_LINES, MORE_LINES = 3, 12, 2


class IntakeLineForm(FlaskForm):
    """One delivered item; the CSRF token is the outer form's."""

    class Meta:
        csrf = False

    item = SelectField(_l("Item"), coerce=str, validate_choice=False)
    other_name = text(_l("Other item: name"), 100)
    other_unit = text(_l("Other item: unit"), 32)
    quantity_received = quantity(_l("Received"))
    quantity_accepted = quantity(
        _l("Accepted"),
        description=_l("Leave empty when everything received is accepted."),
    )
    rejection_reason = text(_l("Why was part rejected?"), 300)
    condition = SelectField(
        _l("Condition"), choices=choices(CONDITION_LABELS), validate_choice=False
    )
    expiry_date = DateField(_l("Expiry date"), validators=[Optional()])
    valuation_basis = SelectField(
        _l("Valued by"),
        default="reference",
        description=_l(
            "Reference value: the item's value per unit × accepted quantity;"
            " an item without one is not valued."
        ),
        choices=choices(VALUATION_BASIS_LABELS),
        validate_choice=False,
    )
    valuation_amount = money(
        _l("Value of accepted goods"),
        description=_l("Empty: reference value × accepted quantity."),
    )


class LineList(FieldList):
    """A FieldList that reads only ASCII row numbers from the posted names.

    WTForms takes ``"²".isdigit()`` for a number and ``int("²")`` then fails; a
    posted ``line-²-item`` is simply not a line here.
    """

    def _extract_indices(self, prefix, formdata):
        yield from super()._extract_indices(prefix, _ascii_rows(prefix, formdata))


def _ascii_rows(prefix: str, formdata):
    for key in formdata:
        row = key[len(prefix) + 1 :].split("-", 1)[0]
        if key.startswith(prefix + "-") and row.isascii() and row.isdigit():
            yield key


class IntakeForm(DonorFields):
    pledge_id = SelectField(
        _l("Pledge being delivered"),
        coerce=str,
        validate_choice=False,
        description=_l(
            "Choose the pledge if the donor is bringing what they promised."
        ),
    )
    point_id = SelectField(_l("Drop-off point"), coerce=str, validate_choice=False)
    line = LineList(FormField(IntakeLineForm), min_entries=1, max_entries=MAX_LINES)
    counted_by_1 = text(
        _l("Counted by"), 100, required=True, render_kw={"autocomplete": "name"}
    )
    counted_by_2 = text(_l("Second counter"), 100)
    note = long_text(_l("Note"), 1000)
    submit = SubmitField(_l("Record intake"))
    # Posts the form back with two more empty lines; nothing typed is lost.
    add_lines = SubmitField(_l("Add two more lines"))

    def __getattr__(self, name: str):
        """``line-<n>-<field>``: that field of line ``n`` (see the module doc)."""
        head, _sep, rest = name.partition("-")
        row, _sep, field = rest.partition("-")
        lines = self.__dict__.get("_fields", {}).get("line")
        if head == "line" and lines is not None and row.isascii() and row.isdigit():
            entries = lines.entries
            if int(row) < len(entries) and field in entries[int(row)].form:
                return entries[int(row)].form[field]
        raise AttributeError(name)

    @property
    def errors(self):
        """Also a line's errors added after validation (a service's)."""
        errors = super().errors
        lines = [entry.form.errors for entry in self.line]
        if any(lines):
            errors["line"] = lines
        return errors

    def add_line(self, drive: Drive) -> bool:
        """One more empty line, if the form has room for it."""
        if len(self.line) >= MAX_LINES:
            return False
        self.line.append_entry()
        self.line[-1].item.choices = item_choices(drive)
        return True

    def delivery(self) -> dict:
        """What ``intake.services.record_delivery`` takes."""
        return {k: v for k, v in self.data.items() if k not in ("submit", "add_lines")}


def item_choices(drive: Drive) -> list[tuple[str, str]]:
    locale = get_locale()
    items = [(str(i.id), f"{i.name(locale)} ({i.unit})") for i in drive.items]
    return [("", _l("Choose…")), *items, ("other", _l("Other item (not on the list)"))]
