"""Forms of the drive pages; quantities are Decimal fields with a decimal keypad."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from volunteer_hub.drives.models import DONOR_KIND_LABELS, PRIORITY_LABELS
from volunteer_hub.drives.models_stock import (
    ADJUSTMENT_REASON_LABELS,
    CONDITION_LABELS,
    VALUATION_BASIS_LABELS,
)
from volunteer_hub.forms import CleanStringField, IdField, NoControlCharacters

QUANTITY_KW = {"inputmode": "decimal", "step": "any", "min": "0", "autocomplete": "off"}
MONEY_KW = {"inputmode": "decimal", "step": "0.01", "min": "0", "autocomplete": "off"}


# A donor service's error field → the donor field of the intake and pledge forms.
DONOR_ERROR_FIELDS = {
    "name": "donor_name",
    "phone": "donor_phone",
    "email": "donor_email",
    "kind": "donor_kind",
}


def text(label, max_length, required=False, **kwargs):
    first = InputRequired() if required else Optional()
    return CleanStringField(
        label,
        validators=[first, Length(max=max_length), NoControlCharacters()],
        **kwargs,
    )


def long_text(label, max_length, **kwargs):
    return TextAreaField(
        label,
        validators=[Optional(), Length(max=max_length), NoControlCharacters()],
        **kwargs,
    )


def quantity(label, required=False, **kwargs):
    first = InputRequired() if required else Optional()
    return DecimalField(
        label, validators=[first], places=None, render_kw=dict(QUANTITY_KW), **kwargs
    )


def money(label, **kwargs):
    return DecimalField(
        label, validators=[Optional()], places=None, render_kw=dict(MONEY_KW), **kwargs
    )


def choices(labels):
    return [(key, label) for key, label in labels.items()]


class DriveForm(FlaskForm):
    title_zh = text(_l("Title in Chinese"), 200, required=True)
    title_en = text(_l("Title in English"), 200)
    slug = text(
        _l("Web address"),
        80,
        required=True,
        description=_l("The public page is /drives/<address>, e.g. flood-relief-2026."),
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )
    purpose = long_text(_l("Purpose"), 5000)
    beneficiary = text(_l("Beneficiaries"), 300)
    starts_on = DateField(_l("Starts on"), validators=[Optional()])
    ends_on = DateField(_l("Ends on"), validators=[Optional()])
    restricted = BooleanField(_l("Restricted to a purpose"))
    restricted_purpose = text(
        _l("Restricted purpose"),
        500,
        description=_l("What the donated goods may be used for."),
    )
    public = BooleanField(_l("Show a public page"), default=True)
    partner_name = text(
        _l("Partner organisation"),
        200,
        description=_l(
            "E.g. the charity holding the public-fundraising qualification."
        ),
    )
    partner_filing_ref = text(_l("Partner's filing reference"), 100)
    submit = SubmitField(_l("Save"))


class StatusForm(FlaskForm):
    status = SelectField(
        _l("Status"), choices=[("open", _l("Open")), ("closed", _l("Closed"))]
    )
    reason = text(_l("Reason"), 500)
    submit = SubmitField(_l("Change status"))


class ItemForm(FlaskForm):
    name_zh = text(_l("Item name in Chinese"), 100, required=True)
    name_en = text(_l("Item name in English"), 100)
    unit = text(_l("Unit"), 32, required=True, description=_l("Case, piece, box, kg …"))
    target_quantity = quantity(_l("Target quantity"), required=True)
    reference_unit_value = money(
        _l("Reference value per unit"),
        description=_l("Used to value accepted goods when no other value is given."),
    )
    priority = SelectField(
        _l("Priority"), coerce=int, default=2, choices=choices(PRIORITY_LABELS)
    )
    min_shelf_life_days = IntegerField(
        _l("Minimum remaining shelf life (days)"),
        validators=[Optional(), NumberRange(min=0, max=3650)],
        render_kw={"inputmode": "numeric"},
        description=_l("For food and medicine; leave empty if it does not apply."),
    )
    new_only = BooleanField(_l("New goods only"))
    acceptance_note = text(_l("Other acceptance rules"), 500)
    reason = text(_l("Reason for the change"), 500)
    submit = SubmitField(_l("Save"))


class PointForm(FlaskForm):
    name = text(_l("Name"), 200, required=True)
    address = text(_l("Address"), 500, render_kw={"autocomplete": "street-address"})
    hours = text(_l("Opening hours"), 200)
    active = BooleanField(_l("Taking goods"), default=True)
    submit = SubmitField(_l("Save"))


class DonorFields(FlaskForm):
    donor_name = text(_l("Donor name"), 200, render_kw={"autocomplete": "name"})
    donor_phone = text(
        _l("Phone"),
        32,
        render_kw={"type": "tel", "inputmode": "tel", "autocomplete": "tel"},
    )
    donor_email = EmailField(
        _l("E-mail"),
        validators=[Optional(), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )
    donor_kind = RadioField(
        _l("Donor is"), default="person", choices=choices(DONOR_KIND_LABELS)
    )
    show_publicly = BooleanField(_l("Show the donor's name on the public page"))


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
    counted_by_1 = text(
        _l("Counted by"), 100, required=True, render_kw={"autocomplete": "name"}
    )
    counted_by_2 = text(_l("Second counter"), 100)
    note = long_text(_l("Note"), 1000)
    submit = SubmitField(_l("Record intake"))


class IntakeLineForm(FlaskForm):
    """One line of the intake form; prefixed ``line-<n>-`` in the page."""

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
        default="not_valued",
        choices=choices(VALUATION_BASIS_LABELS),
        validate_choice=False,
    )
    valuation_amount = money(
        _l("Value of accepted goods"),
        description=_l("Empty: reference value × accepted quantity."),
    )


class ReasonForm(FlaskForm):
    reason = text(_l("Reason"), 500, required=True)
    submit = SubmitField(_l("Confirm"))


class DistributionFields(FlaskForm):
    recipient = text(_l("Beneficiary or site"), 300, required=True)
    destination = text(_l("Address or town"), 500)
    handed_over_by = text(_l("Handed over by"), 100, required=True)
    received_by = text(_l("Received by"), 100, required=True)
    show_publicly = BooleanField(_l("List on the public page"), default=True)
    note = long_text(_l("Note"), 1000)


class DistributionForm(DistributionFields):
    point_id = SelectField(_l("From"), coerce=str, validate_choice=False)
    submit = SubmitField(_l("Record distribution"))


class PassThroughForm(DistributionFields):
    submit = SubmitField(_l("Distribute all of it"))


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


class DonorForm(FlaskForm):
    kind = RadioField(_l("Donor is"), choices=choices(DONOR_KIND_LABELS))
    name = text(_l("Name"), 200, required=True)
    phone = text(_l("Phone"), 32, render_kw={"type": "tel", "autocomplete": "tel"})
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=254)])
    address = text(_l("Address"), 500)
    show_publicly = BooleanField(_l("Show the name on public pages"))
    notes = long_text(_l("Notes"), 5000)
    submit = SubmitField(_l("Save"))


class MergeForm(FlaskForm):
    keep_id = IdField(
        _l("Keep donor number"),
        validators=[InputRequired()],
        render_kw={"inputmode": "numeric"},
    )
    duplicate_id = IdField(
        _l("Duplicate donor number"),
        validators=[InputRequired()],
        render_kw={"inputmode": "numeric"},
    )
    reason = text(_l("Reason"), 500)
    submit = SubmitField(_l("Merge"))


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = text(_l("Search by name, phone or e-mail"), 100, render_kw={"type": "search"})


class PledgeForm(DonorFields):
    """The pledge form; ``pledge_form_for`` adds a quantity field per item."""

    expected_on = DateField(_l("When will you bring it?"), validators=[Optional()])
    note = long_text(_l("Note"), 1000)
    submit = SubmitField(_l("Pledge"))


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
