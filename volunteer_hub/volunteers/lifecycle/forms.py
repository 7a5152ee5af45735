"""Forms of sign-up, status changes and withdrawal."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SubmitField
from wtforms.validators import InputRequired

from volunteer_hub.volunteers.fields import optional_text, required_text
from volunteer_hub.volunteers.labels import STATUS_LABELS
from volunteer_hub.volunteers.profile.forms import ProfileFields


class SignupForm(ProfileFields):
    # The form's own random token; a second submit of the same form is
    # recognised by it (see lifecycle.services.sign_up).
    token = HiddenField()
    id_number = optional_text(
        _l("ID number (optional)"),
        30,
        render_kw={"autocomplete": "off", "spellcheck": "false"},
        description=_l(
            "Only needed for official service certificates. Stored "
            "encrypted and shown masked."
        ),
    )
    consent = BooleanField(
        _l("I have read the privacy notice and agree."),
        validators=[InputRequired(_l("Please agree to the privacy notice."))],
    )
    submit = SubmitField(_l("Sign up"))


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
