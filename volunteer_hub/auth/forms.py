from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length

from volunteer_hub.auth.passwords import MIN_LENGTH
from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.organisation.forms import (
    JURISDICTION_CHOICES,
    ProfileFields,
    public_address_field,
)

ROLE_CHOICES = [
    ("admin", _l("Admin: everything, including settings and staff")),
    ("coordinator", _l("Coordinator: volunteers, projects, drives, receipts")),
    ("viewer", _l("Viewer: can look, cannot change")),
]


def _email_field(label=None):
    return EmailField(
        label or _l("E-mail"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            InputRequired(),
            Length(max=254),
            Email(check_deliverability=False),
        ],
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )


def _new_password_fields():
    password = PasswordField(
        _l("New password"),
        validators=[InputRequired(), Length(min=MIN_LENGTH, max=200)],
        description=_l("At least %(n)d characters.", n=MIN_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            InputRequired(),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Stay logged in on this device"))
    submit = SubmitField(_l("Log in"))


class SetupForm(ProfileFields):
    """The organisation profile plus the first admin account."""

    setup_code = CleanStringField(
        _l("Set-up code"),
        validators=[InputRequired(), Length(max=40)],
        description=_l(
            "The server printed it in its log when it started (the window or log "
            "file where it runs), e.g. ABCD-EFGH-JKMN."
        ),
        render_kw={"autocomplete": "off", "autocapitalize": "characters"},
    )

    public_url = public_address_field(required=True)
    jurisdiction = SelectField(
        _l("Receipt rules"),
        choices=JURISDICTION_CHOICES,
        default="cn",
        description=_l(
            "What the donation receipts state and how; you can change it later "
            "under Organisation."
        ),
    )

    admin_name = CleanStringField(
        _l("Your name"),
        validators=[InputRequired(), Length(max=100), NoControlCharacters()],
        render_kw={"autocomplete": "name"},
    )
    admin_email = _email_field(_l("Your e-mail (for logging in)"))
    password, confirm = _new_password_fields()
    submit = SubmitField(_l("Create the organisation"))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        validators=[InputRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    password, confirm = _new_password_fields()
    submit = SubmitField(_l("Change password"))


class AcceptInvitationForm(FlaskForm):
    password, confirm = _new_password_fields()
    submit = SubmitField(_l("Set password and log in"))


class InviteForm(FlaskForm):
    name = CleanStringField(
        _l("Name"), validators=[InputRequired(), Length(max=100), NoControlCharacters()]
    )
    email = _email_field()
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="coordinator")
    submit = SubmitField(_l("Create account and invitation link"))


class StaffEditForm(FlaskForm):
    name = CleanStringField(
        _l("Name"), validators=[InputRequired(), Length(max=100), NoControlCharacters()]
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    active = BooleanField(_l("Account is active (can log in)"))
    submit = SubmitField(_l("Save"))
