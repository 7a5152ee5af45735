"""Donor forms: the donor's record, merging two records, search; and the donor
fields the intake and pledge forms share."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from volunteer_hub.drives.forms import choices, long_text, text
from volunteer_hub.drives.models import DONOR_KIND_LABELS
from volunteer_hub.forms import IdField


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
