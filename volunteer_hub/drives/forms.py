"""Forms of the drive pages, and the field helpers every part's forms use.

Quantities are Decimal fields with a decimal keypad.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from volunteer_hub.drives.models import PRIORITY_LABELS
from volunteer_hub.forms import CleanStringField, NoControlCharacters

QUANTITY_KW = {"inputmode": "decimal", "step": "any", "min": "0", "autocomplete": "off"}
MONEY_KW = {"inputmode": "decimal", "step": "0.01", "min": "0", "autocomplete": "off"}


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


class ReasonForm(FlaskForm):
    reason = text(_l("Reason"), 500, required=True)
    submit = SubmitField(_l("Confirm"))
