"""Profile forms: the volunteer's own page and the coordinators' record.

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
    IntegerField,
    SelectField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from volunteer_hub.forms import (
    CachedTranslations,
    CleanStringField,
    NoControlCharacters,
)
from volunteer_hub.matching.model import LEVELS
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.fields import (
    SLOT_CHOICES,
    MultiCheckboxField,
    checked,
    optional_text,
    slot_pairs,
)
from volunteer_hub.volunteers.labels import LEVEL_HINTS
from volunteer_hub.volunteers.profile.services import (
    PROFILE_FIELDS,
    SpecialtyChoice,
    region,
)


class ContactFields(FlaskForm):
    """What a coordinator needs to call a person back."""

    class Meta(CachedTranslations):
        pass

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
    district = optional_text(
        _l("District or community"),
        100,
        render_kw={"autocomplete": "address-level3"},
        description=_l("For example: 南山区粤海街道 or your residential community."),
    )

    def validate_name(self, field):
        field.data = checked(lambda: personal.clean_name(field.data), field)

    def validate_phone(self, field):
        field.data = checked(
            lambda: personal.normalise_phone(field.data, region()), field
        )

    def profile_values(self) -> dict:
        """The profile fields of the form, as services take them."""
        return {k: v for k, v in self.data.items() if k in PROFILE_FIELDS}


class ProfileFields(ContactFields):
    """What a volunteer tells about themselves when editing their details."""

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
        return slot_pairs(self.slots.data)

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
        attrs[f"cert_name_{sid}"] = optional_text(_l("Certificate name"), 200)
        attrs[f"cert_number_{sid}"] = optional_text(_l("Certificate number"), 100)
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


class OwnProfileForm(ProfileFields):
    # Shown only when the organisation collects ID numbers (the view removes it
    # otherwise); never filled in, so the page does not show the number.
    id_number = optional_text(
        _l("ID number (optional)"),
        30,
        render_kw={"autocomplete": "off", "spellcheck": "false"},
        description=_l(
            "Only needed for official service certificates. Stored encrypted and "
            "shown masked. Leave it empty to keep the number we have."
        ),
    )
    submit = SubmitField(_l("Save"))

    def profile_values(self) -> dict:
        values = super().profile_values()
        if not values.get("id_number"):
            values.pop("id_number", None)  # empty keeps the number on file
        return values


LOCALE_CHOICES = [("zh_Hans", "简体中文"), ("en", "English")]


class StaffProfileForm(ProfileFields):
    id_number = optional_text(
        _l("ID number"), 30, render_kw={"autocomplete": "off", "spellcheck": "false"}
    )
    preferred_locale = SelectField(_l("Language for messages"), choices=LOCALE_CHOICES)
    notes = TextAreaField(
        _l("Coordinator notes"),
        validators=[Optional(), Length(max=5000), NoControlCharacters()],
        description=_l("Only staff see these notes."),
    )
    submit = SubmitField(_l("Save"))


class StaffCreateForm(StaffProfileForm):
    consent = BooleanField(
        _l("The person has agreed to the current privacy notice."),
        description=_l("Tick only if they have read it (on paper or read out)."),
    )
