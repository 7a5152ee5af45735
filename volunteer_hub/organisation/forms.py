from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.organisation.services import MAX_UPLOAD_BYTES

LOCALE_CHOICES = [("zh_Hans", "简体中文"), ("en", "English")]
CURRENCY_CHOICES = [
    ("CNY", _l("Chinese yuan (CNY)")),
    ("HKD", _l("Hong Kong dollar (HKD)")),
    ("TWD", _l("New Taiwan dollar (TWD)")),
    ("USD", _l("US dollar (USD)")),
    ("EUR", _l("Euro (EUR)")),
]
COUNTRY_CHOICES = [
    ("CN", _l("Mainland China")),
    ("HK", _l("Hong Kong")),
    ("MO", _l("Macao")),
    ("TW", _l("Taiwan")),
    ("US", _l("United States")),
    ("GB", _l("United Kingdom")),
]
JURISDICTION_CHOICES = [
    ("cn", _l("China: donation acknowledgment")),
    ("us", _l("United States: written acknowledgment without stating value")),
    ("generic", _l("Generic: the organisation's own wording")),
]
TIMEZONE_CHOICES = [
    ("Asia/Shanghai", _l("China Standard Time (Asia/Shanghai)")),
    ("Asia/Hong_Kong", _l("Hong Kong (Asia/Hong_Kong)")),
    ("Asia/Taipei", _l("Taipei (Asia/Taipei)")),
    ("Europe/London", _l("London (Europe/London)")),
    ("America/New_York", _l("New York (America/New_York)")),
    ("UTC", "UTC"),
]


def _text(label, max_length, required=False, **kwargs):
    first = InputRequired() if required else Optional()
    return CleanStringField(
        label,
        validators=[first, Length(max=max_length), NoControlCharacters()],
        **kwargs,
    )


def _public_address(form, field) -> None:
    """``http(s)://host[:port][/path]``, kept without a trailing slash."""
    value = (field.data or "").strip().rstrip("/")
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = parts._replace(netloc="")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or (parts.query or parts.fragment or parts.username)
    ):
        raise ValidationError(
            _l(
                "Enter the address as https://name.example.org (with http:// or https://)."
            )
        )
    field.data = value


def public_address_field(required: bool) -> CleanStringField:
    return CleanStringField(
        _l("Public address of this site"),
        validators=[
            InputRequired() if required else Optional(),
            Length(max=200),
            _public_address,
        ],
        description=_l(
            "The address people open on their phones. Links in messages and "
            "QR codes on receipts use it."
        ),
        render_kw={"type": "url", "inputmode": "url", "autocomplete": "url"},
    )


class ProfileFields(FlaskForm):
    name_zh = _text(
        _l("Name in Chinese"),
        200,
        required=True,
        render_kw={"autocomplete": "organization"},
    )
    name_en = _text(_l("Name in English"), 200)
    registration_code = _text(
        _l("Registration code"),
        64,
        description=_l(
            "Unified social credit code (统一社会信用代码) or other number."
        ),
    )
    address = _text(_l("Address"), 500, render_kw={"autocomplete": "street-address"})
    contact_name = _text(_l("Contact person"), 100)
    contact_phone = _text(
        _l("Contact phone"), 32, render_kw={"autocomplete": "tel", "type": "tel"}
    )
    contact_email = EmailField(
        _l("Contact e-mail"),
        validators=[Optional(), Length(max=254), Email(check_deliverability=False)],
    )
    default_locale = SelectField(_l("Default language"), choices=LOCALE_CHOICES)
    currency = SelectField(_l("Currency"), choices=CURRENCY_CHOICES)
    country = SelectField(
        _l("Country or region"),
        choices=COUNTRY_CHOICES,
        description=_l("Phone numbers without a country code are read as from here."),
    )
    timezone = SelectField(_l("Time zone"), choices=TIMEZONE_CHOICES)
    public_url = public_address_field(required=False)


class ProfileForm(ProfileFields):
    jurisdiction = SelectField(_l("Receipt rules"), choices=JURISDICTION_CHOICES)
    receipt_wording = TextAreaField(
        _l("Receipt wording"),
        validators=[Optional(), Length(max=2000), NoControlCharacters()],
        description=_l("Printed on receipts under the generic rules."),
    )
    submit = SubmitField(_l("Save"))


def _image_field(description) -> FileField:
    return FileField(
        _l("Image file"),
        validators=[FileRequired(_l("Choose an image file."))],
        description=description,
        render_kw={"accept": "image/png,image/jpeg,image/webp,image/gif"},
    )


def _megabytes(kind: str) -> int:
    """The upload limit of a logo or seal, in whole megabytes, for the hint."""
    return MAX_UPLOAD_BYTES[kind] // (1024 * 1024)


class ImageForm(FlaskForm):
    image = _image_field(
        _l("PNG, JPEG, WebP or GIF, at most %(mb)d MB.", mb=_megabytes("logo"))
    )
    submit = SubmitField(_l("Upload"))


class SealForm(ImageForm):
    image = _image_field(
        _l(
            "PNG, JPEG, WebP or GIF, at most %(mb)d MB: a photo or scan of the "
            "seal will do. Best is a PNG with a transparent background.",
            mb=_megabytes("seal"),
        )
    )


IMAGE_FORMS = {"logo": ImageForm, "seal": SealForm}
