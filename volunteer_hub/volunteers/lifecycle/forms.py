"""Forms of sign-up, status changes and withdrawal."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    SubmitField,
    widgets,
)
from wtforms.validators import InputRequired, ValidationError

from volunteer_hub.volunteers.fields import optional_text, required_text
from volunteer_hub.volunteers.labels import LEVEL_LABELS, STATUS_LABELS
from volunteer_hub.volunteers.profile.forms import ContactFields
from volunteer_hub.volunteers.profile.services import SpecialtyChoice
from volunteer_hub.volunteers.taxonomy import group_specialties

# Certificates are added on the personal page after sign-up.
SIGNUP_LEVELS = ("interested", "experienced")


class SpecialtyPicks(SelectMultipleField):
    """Checkboxes of specialty ids; an id not on the list is a field error."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        known = {str(value) for value, _label in self.choices or ()}
        if any(item not in known for item in self.data or ()):
            raise ValidationError(_l("Choose specialties from the list."))


class SignupForm(ContactFields):
    """The short public sign-up: what a coordinator needs to call back.

    Made per request by ``signup_form_class``, which adds a ``level_<id>`` radio
    group per specialty; only the levels of ticked specialties count.
    """

    # The form's own random token; a second submit of the same form is
    # recognised by it (see lifecycle.services.sign_up).
    token = HiddenField()
    specialties = SpecialtyPicks(_l("What would you like to help with?"))
    # The example as a placeholder: the page stays short.
    district = optional_text(
        _l("District or community"),
        100,
        render_kw={
            "autocomplete": "address-level3",
            "placeholder": _l("For example: 南山区粤海街道"),
        },
    )
    consent = BooleanField(
        _l("I have read the privacy notice and agree."),
        validators=[InputRequired(_l("Please agree to the privacy notice."))],
    )
    submit = SubmitField(_l("Sign up"))

    specialty_list: list = []

    def chosen_ids(self) -> set[int]:
        return {int(value) for value in self.specialties.data or () if value.isascii()}

    def specialty_groups(self):
        """``[(group label, [(specialty, level field), …]), …]`` for the page."""
        groups = group_specialties(self.specialty_list)
        return [
            (label, [(s, self[f"level_{s.id}"]) for s in members])
            for label, members in groups
        ]

    def specialty_choices(self) -> list[SpecialtyChoice]:
        chosen = self.chosen_ids()
        return [
            SpecialtyChoice(s.id, self[f"level_{s.id}"].data or "interested")
            for s in self.specialty_list
            if s.id in chosen
        ]

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        chosen = self.chosen_ids() if not self.specialties.errors else set()
        for specialty in self.specialty_list:
            level = self[f"level_{specialty.id}"]
            if specialty.id in chosen and level.data not in SIGNUP_LEVELS:
                level.errors = [*level.errors, _l("Choose a level from the list.")]
                valid = False
        return valid


def signup_form_class(specialties):
    """SignupForm with the list of ``specialties`` and a level for each."""
    choices = [(str(s.id), s.display_name(str(get_locale()))) for s in specialties]
    attrs = {
        "specialty_list": list(specialties),
        "specialties": SpecialtyPicks(
            _l("What would you like to help with?"),
            choices=choices,
        ),
    }
    for specialty in specialties:
        attrs[f"level_{specialty.id}"] = RadioField(
            _l("Your level"),
            choices=[(level, LEVEL_LABELS[level]) for level in SIGNUP_LEVELS],
            default="interested",
            validate_choice=False,
        )
    return type("SignupForm", (SignupForm,), attrs)


class WithdrawForm(FlaskForm):
    confirm = BooleanField(
        _l("Yes, delete my personal data and end my registration."),
        validators=[InputRequired(_l("Please tick the box to confirm."))],
    )
    reason = optional_text(_l("Reason (optional)"), 500)
    submit = SubmitField(_l("Withdraw"))


class CoreForm(FlaskForm):
    reason = required_text(_l("Reason"), 500)
    submit = SubmitField(_l("Save"))


class StatusForm(FlaskForm):
    status = SelectField(
        _l("New status"),
        choices=[
            ("active", STATUS_LABELS["active"]),
            ("inactive", STATUS_LABELS["inactive"]),
        ],
    )
    note = optional_text(_l("Note (optional)"), 500)
    submit = SubmitField(_l("Change status"))


class StaffWithdrawForm(FlaskForm):
    reason = required_text(
        _l("Reason"),
        500,
        description=_l("For example: asked by phone on 3 May to be removed."),
    )
    submit = SubmitField(_l("Withdraw and anonymise"))
