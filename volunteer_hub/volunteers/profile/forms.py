"""Forms of the volunteer's own pages: sign-up, profile, availability, withdrawal.

Specialty fields are made per specialty at request time (``with_specialties``):
``level_<id>``, ``cert_name_<id>``, ``cert_number_<id>``, ``cert_expiry_<id>``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
    widgets,
)
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from volunteer_hub.errors import DomainError
from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.matching.model import LEVELS, PARTS
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.labels import LEVEL_HINTS, PART_LABELS, WEEKDAYS
from volunteer_hub.volunteers.services import SpecialtyChoice, region

SLOT_CHOICES = [
    (f"{day}-{part}", f"{WEEKDAYS[day]} {PART_LABELS[part]}")
    for day in range(7)
    for part in PARTS
]


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        # Unknown values are an error, not a crash.
        values = {value for value, _label in SLOT_CHOICES}
        if any(item not in values for item in self.data or ()):
            raise ValidationError(_l("Choose times from the list."))


def _text(label, limit, **kwargs):
    return CleanStringField(
        label,
        validators=[Optional(), Length(max=limit), NoControlCharacters()],
        **kwargs,
    )


def _raise_validation(check, field):
    try:
        return check()
    except DomainError as error:
        raise ValidationError(str(error.message)) from None


class ProfileFields(FlaskForm):
    """What a volunteer tells about themselves, on sign-up and when editing."""

    name = CleanStringField(
        _l("Name"),
        validators=[
            InputRequired(_l("Please enter your name.")),
            NoControlCharacters(),
        ],
        render_kw={"autocomplete": "name", "maxlength": personal.NAME_MAX},
    )
    phone = CleanStringField(
        _l("Mobile phone"),
        validators=[InputRequired(_l("Please enter your mobile number."))],
        render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel"},
        description=_l("We use it to contact you about volunteering."),
    )
    email = EmailField(
        _l("E-mail (optional)"),
        validators=[
            Optional(),
            Length(max=254),
            Email(
                _l("This is not a valid e-mail address."), check_deliverability=False
            ),
        ],
        render_kw={"autocomplete": "email", "inputmode": "email"},
        description=_l("If you give one, we send your personal link there."),
    )
    district = _text(
        _l("District or community"),
        100,
        render_kw={"autocomplete": "address-level3"},
        description=_l("For example: 南山区粤海街道 or your residential community."),
    )
    slots = MultiCheckboxField(
        _l("When can you usually help?"), choices=SLOT_CHOICES, validate_choice=False
    )
    max_hours_per_month = IntegerField(
        _l("At most how many hours a month? (optional)"),
        validators=[
            Optional(),
            NumberRange(1, 300, _l("Enter a number from 1 to 300.")),
        ],
        render_kw={"inputmode": "numeric", "min": 1, "max": 300},
    )
    intro = TextAreaField(
        _l("A few words about yourself (optional)"),
        validators=[Optional(), Length(max=1000), NoControlCharacters()],
        render_kw={"maxlength": 1000, "rows": 3},
    )

    def validate_name(self, field):
        field.data = _raise_validation(lambda: personal.clean_name(field.data), field)

    def validate_phone(self, field):
        field.data = _raise_validation(
            lambda: personal.normalise_phone(field.data, region()), field
        )

    # -- specialties -------------------------------------------------------

    specialty_list: list = []

    def specialty_rows(self):
        """(specialty, level, cert name, cert number, cert expiry) per specialty."""
        for specialty in self.specialty_list:
            sid = specialty.id
            yield (
                specialty,
                self[f"level_{sid}"],
                self[f"cert_name_{sid}"],
                self[f"cert_number_{sid}"],
                self[f"cert_expiry_{sid}"],
            )

    def specialty_choices(self) -> list[SpecialtyChoice]:
        choices = []
        for specialty, level, name, number, expiry in self.specialty_rows():
            if level.data:
                choices.append(
                    SpecialtyChoice(
                        specialty_id=specialty.id,
                        level=level.data,
                        certificate_name=name.data or "",
                        certificate_number=number.data or "",
                        certificate_expiry=expiry.data,
                    )
                )
        return choices

    def slot_pairs(self) -> set[tuple[int, str]]:
        pairs = set()
        for value in self.slots.data or ():
            day, _, part = value.partition("-")
            pairs.add((int(day), part))
        return pairs

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for _specialty, level, name, _number, _expiry in self.specialty_rows():
            if level.data == "certified" and not (name.data or "").strip():
                name.errors = [*name.errors, _l("Enter the name of the certificate.")]
                valid = False
        return valid


def specialty_fields(specialties) -> dict:
    """The per-specialty fields for a form class."""
    level_choices = [("", _l("Not for me"))] + [(lv, LEVEL_HINTS[lv]) for lv in LEVELS]
    attrs = {"specialty_list": list(specialties)}
    for specialty in specialties:
        sid = specialty.id
        attrs[f"level_{sid}"] = SelectField(
            specialty.name_zh, choices=level_choices, default=""
        )
        attrs[f"cert_name_{sid}"] = _text(_l("Certificate name"), 200)
        attrs[f"cert_number_{sid}"] = _text(_l("Certificate number"), 100)
        attrs[f"cert_expiry_{sid}"] = DateField(
            _l("Valid until (optional)"),
            validators=[Optional()],
            render_kw={"type": "date"},
        )
    return attrs


def with_specialties(base, specialties):
    """A subclass of form class ``base`` with fields for ``specialties``."""
    return type(base.__name__, (base,), specialty_fields(specialties))


def initial_data(volunteer) -> dict:
    """Form data that shows a volunteer's current profile."""
    data = {
        key: getattr(volunteer, key)
        for key in ("name", "email", "district", "max_hours_per_month", "intro")
    }
    data["phone"] = personal.format_phone(volunteer.phone)
    data["slots"] = [f"{d}-{p}" for d, p in sorted(volunteer.slot_pairs())]
    for link in volunteer.specialties:
        sid = link.specialty_id
        data[f"level_{sid}"] = link.level
        data[f"cert_name_{sid}"] = link.certificate_name
        data[f"cert_number_{sid}"] = link.certificate_number
        data[f"cert_expiry_{sid}"] = link.certificate_expiry
    return data


class SignupForm(ProfileFields):
    # The form's own random token; a second submit of the same form is
    # recognised by it (see services_lifecycle.sign_up).
    token = HiddenField()
    id_number = _text(
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


class OwnProfileForm(ProfileFields):
    submit = SubmitField(_l("Save"))


class AvailabilityForm(FlaskForm):
    slots = MultiCheckboxField(
        _l("When can you usually help?"), choices=SLOT_CHOICES, validate_choice=False
    )
    submit = SubmitField(_l("Save"))

    slot_pairs = ProfileFields.slot_pairs


class ExceptionForm(FlaskForm):
    day = DateField(
        _l("Date"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    part = SelectField(
        _l("Time of day"),
        choices=[("", _l("Whole day"))] + [(p, PART_LABELS[p]) for p in PARTS],
        default="",
    )
    available = SelectField(
        _l("On that day I am"),
        choices=[("no", _l("not available")), ("yes", _l("available"))],
        default="no",
    )
    note = _text(_l("Note (optional)"), 200)
    submit = SubmitField(_l("Add date"))


class WithdrawForm(FlaskForm):
    confirm = BooleanField(
        _l("Yes, delete my personal data and end my registration."),
        validators=[InputRequired(_l("Please tick the box to confirm."))],
    )
    reason = _text(_l("Reason (optional)"), 500)
    submit = SubmitField(_l("Withdraw"))


class LinkRequestForm(FlaskForm):
    phone = CleanStringField(
        _l("Mobile phone"),
        validators=[InputRequired(_l("Please enter your mobile number."))],
        render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel"},
    )
    submit = SubmitField(_l("Send me my link"))

    def validate_phone(self, field):
        field.data = _raise_validation(
            lambda: personal.normalise_phone(field.data, region()), field
        )


class CertificateRequestForm(FlaskForm):
    period_start = DateField(
        _l("From"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    period_end = DateField(
        _l("To"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    submit = SubmitField(_l("Get certificate (PDF)"))

    def validate_period_end(self, field):
        if (
            self.period_start.data
            and field.data
            and field.data < self.period_start.data
        ):
            raise ValidationError(_l("The end must not be before the start."))
