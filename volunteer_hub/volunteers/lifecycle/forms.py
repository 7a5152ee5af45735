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
from volunteer_hub.volunteers.profile.specialties import SpecialtyChoice
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

    Made by ``signup_form`` with the specialties to show. Each specialty has a
    ``level_<id>`` radio group, bound only when it is needed: all of them for
    the page, only the ticked ones' when a sign-up is posted.
    """

    class Meta(ContactFields.Meta):
        # The app-wide CSRFProtect checks every POST before the view; a token
        # field of the form's own made a new signed token on every sign-up
        # (5 % of it). The template writes the page's token itself.
        csrf = False

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

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kw):
        # Kept for the level fields, which are bound later (``level``).
        self._posted = self.meta.wrap_formdata(self, formdata)
        super().process(self._posted, obj, data, extra_filters, **kw)

    def level(self, specialty_id: int):
        """The bound ``level_<id>`` radio group of a specialty."""
        name = f"level_{specialty_id}"
        if name not in self._fields:
            options = {"name": name, "prefix": self._prefix}
            options["translations"] = self.meta.get_translations(self)
            field = self.meta.bind_field(self, LEVEL_FIELD, options)
            field.process(self._posted)
            self._fields[name] = field
            setattr(self, name, field)
        return self._fields[name]

    def __getattr__(self, name: str):
        # ``form.level_<id>``, where a service's error names the field.
        number = name.removeprefix("level_")
        if name.startswith("level_") and number.isascii() and number.isdigit():
            if any(s.id == int(number) for s in self.specialty_list):
                return self.level(int(number))
        raise AttributeError(name)

    def chosen_ids(self) -> set[int]:
        return {int(value) for value in self.specialties.data or () if value.isascii()}

    def specialty_groups(self):
        """``[(group label, [(specialty, level field), …]), …]`` for the page."""
        groups = group_specialties(self.specialty_list)
        return [
            (label, [(s, self.level(s.id)) for s in members])
            for label, members in groups
        ]

    def specialty_choices(self) -> list[SpecialtyChoice]:
        chosen = self.chosen_ids()
        return [
            SpecialtyChoice(s.id, self.level(s.id).data or "interested")
            for s in self.specialty_list
            if s.id in chosen
        ]

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        chosen = self.chosen_ids() if not self.specialties.errors else set()
        for specialty in self.specialty_list:
            if specialty.id not in chosen:
                continue
            level = self.level(specialty.id)
            if level.data not in SIGNUP_LEVELS:
                level.errors = [*level.errors, _l("Choose a level from the list.")]
                valid = False
        return valid


# One unbound radio group, bound as ``level_<id>`` for each specialty.
LEVEL_FIELD = RadioField(
    _l("Your level"),
    choices=[(level, LEVEL_LABELS[level]) for level in SIGNUP_LEVELS],
    default="interested",
    validate_choice=False,
)


def signup_form(specialties) -> SignupForm:
    """The sign-up form (from the request's data) offering ``specialties``."""
    form = SignupForm()
    form.specialty_list = list(specialties)
    locale = str(get_locale())
    form.specialties.choices = [
        (str(specialty.id), specialty.display_name(locale)) for specialty in specialties
    ]
    return form


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
