"""Forms of the coordinators' pages: roster filters, records, hours, settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from volunteer_hub.forms import CleanStringField, NoControlCharacters
from volunteer_hub.matching.model import LEVELS, PARTS, STATUSES
from volunteer_hub.volunteers.forms import ProfileFields, _text
from volunteer_hub.volunteers.labels import (
    LEVEL_LABELS,
    PART_LABELS,
    STATUS_LABELS,
    WEEKDAYS,
)

LOCALE_CHOICES = [("zh_Hans", "简体中文"), ("en", "English")]


def _required_text(label, limit, **kwargs):
    return CleanStringField(
        label,
        validators=[
            InputRequired(_l("This field is required.")),
            Length(max=limit),
            NoControlCharacters(),
        ],
        **kwargs,
    )


class RosterFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = _text(_l("Name, phone or number"), 100, render_kw={"type": "search"})
    specialty = SelectField(_l("Specialty"), choices=[], validate_choice=False)
    level = SelectField(
        _l("At least"),
        choices=[("", _l("Any level"))] + [(lv, LEVEL_LABELS[lv]) for lv in LEVELS],
    )
    weekday = SelectField(
        _l("Available on"),
        choices=[("", _l("Any day"))]
        + [(str(i), name) for i, name in enumerate(WEEKDAYS)],
    )
    part = SelectField(
        _l("Time of day"),
        choices=[("", _l("Any time"))] + [(p, PART_LABELS[p]) for p in PARTS],
    )
    district = _text(_l("District or community"), 100)
    status = SelectField(
        _l("Status"),
        choices=[("", _l("All except withdrawn"))]
        + [(s, STATUS_LABELS[s]) for s in STATUSES],
    )
    core = SelectField(
        _l("Core volunteers"),
        choices=[("", _l("All")), ("yes", _l("Core only")), ("no", _l("Not core"))],
    )
    expiring = IntegerField(
        _l("Certificate expires within (days)"),
        validators=[Optional(), NumberRange(0, 3650)],
        render_kw={"inputmode": "numeric"},
    )

    def set_specialties(self, specialties, locale):
        self.specialty.choices = [("", _l("Any specialty"))] + [
            (str(s.id), s.display_name(locale)) for s in specialties
        ]


class StaffProfileForm(ProfileFields):
    id_number = _text(
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


class CoreForm(FlaskForm):
    reason = _required_text(_l("Reason"), 500)
    submit = SubmitField(_l("Save"))


class StatusForm(FlaskForm):
    status = SelectField(
        _l("New status"),
        choices=[
            ("active", STATUS_LABELS["active"]),
            ("inactive", STATUS_LABELS["inactive"]),
        ],
    )
    note = _text(_l("Note (optional)"), 500)
    submit = SubmitField(_l("Change status"))


class StaffWithdrawForm(FlaskForm):
    reason = _required_text(
        _l("Reason"),
        500,
        description=_l("For example: asked by phone on 3 May to be removed."),
    )
    submit = SubmitField(_l("Withdraw and anonymise"))


class HoursForm(FlaskForm):
    served_on = DateField(
        _l("Date served"),
        validators=[InputRequired(_l("Enter a date."))],
        render_kw={"type": "date"},
    )
    hours = StringField(
        _l("Hours"),
        validators=[InputRequired(_l("Enter the hours.")), Length(max=10)],
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
        description=_l("In quarter hours, e.g. 2.5"),
    )
    description = _required_text(_l("Project or activity"), 300)
    note = _text(_l("Note (optional)"), 500)
    submit = SubmitField(_l("Record hours"))


class CorrectionForm(HoursForm):
    reason = _required_text(_l("Reason for the correction"), 500)
    cancel = BooleanField(_l("Cancel these hours completely (no replacement)"))
    submit = SubmitField(_l("Save correction"))


class ReviewForm(FlaskForm):
    note = _text(_l("Note (needed to reject)"), 500)
    approve = SubmitField(_l("Approve"))
    reject = SubmitField(_l("Reject"))


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(_l("Choose a CSV file."))],
        render_kw={"accept": ".csv,text/csv"},
        description=_l(
            "UTF-8 or GB18030, at most 512 KB; the first line names the columns."
        ),
    )
    submit = SubmitField(_l("Check the file"))


class ConfirmImportForm(FlaskForm):
    content = HiddenField()
    submit = SubmitField(_l("Import the accepted rows"))


class SpecialtyForm(FlaskForm):
    code = _text(_l("Code"), 32, description=_l("Short English code, e.g. first_aid."))
    name_zh = _required_text(_l("Name in Chinese"), 100)
    name_en = _text(_l("Name in English"), 100)
    description = _text(_l("Description"), 500)
    position = IntegerField(
        _l("Position in lists"),
        validators=[Optional(), NumberRange(0, 1000)],
        render_kw={"inputmode": "numeric"},
    )
    submit = SubmitField(_l("Save"))


class SettingsForm(FlaskForm):
    collect_id_number = BooleanField(
        _l("Ask for an ID number on sign-up (optional for the volunteer)")
    )
    certificate_full_id = BooleanField(
        _l("Print the full ID number on certificates (otherwise masked)")
    )
    auto_approve = BooleanField(_l("Approve new sign-ups automatically"))
    submit = SubmitField(_l("Save"))


class NoticeForm(FlaskForm):
    text_zh = TextAreaField(
        _l("Privacy notice in Chinese"),
        validators=[
            InputRequired(_l("Enter the text of the notice.")),
            Length(max=10000),
            NoControlCharacters(),
        ],
        render_kw={"rows": 8},
    )
    text_en = TextAreaField(
        _l("Privacy notice in English"),
        validators=[Optional(), Length(max=10000), NoControlCharacters()],
        render_kw={"rows": 8},
    )
    submit = SubmitField(_l("Publish as a new version"))
