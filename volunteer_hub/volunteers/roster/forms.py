"""Forms of the roster: filters, CSV import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from markupsafe import escape
from wtforms import HiddenField, IntegerField, SelectField, SubmitField
from wtforms.validators import NumberRange, Optional

from volunteer_hub.matching.model import LEVELS, PARTS, STATUSES
from volunteer_hub.volunteers.fields import optional_text
from volunteer_hub.volunteers.labels import (
    LEVEL_LABELS,
    PART_LABELS,
    STATUS_LABELS,
    WEEKDAYS,
)

LEVEL_CHOICES = [("", _l("Any level"))] + [(lv, LEVEL_LABELS[lv]) for lv in LEVELS]
WEEKDAY_CHOICES = [("", _l("Any day"))] + [
    (str(i), name) for i, name in enumerate(WEEKDAYS)
]
PART_CHOICES = [("", _l("Any time"))] + [(p, PART_LABELS[p]) for p in PARTS]
STATUS_CHOICES = [("", _l("All except withdrawn"))] + [
    (s, STATUS_LABELS[s]) for s in STATUSES
]
CORE_CHOICES = [("", _l("All")), ("yes", _l("Core only")), ("no", _l("Not core"))]
ANY_SPECIALTY = _l("Any specialty")


class RosterFilterForm(FlaskForm):
    """The roster's filters. Only read (never validated) and drawn by the roster
    page's own small macro from :func:`filter_words`, not the general field macro:
    its 40 options cost more through WTForms than the page's query."""

    class Meta:
        csrf = False

    q = optional_text(_l("Name, phone or number"), 100, render_kw={"type": "search"})
    # Its options (the specialties) come from filter_words.
    specialty = SelectField(_l("Specialty"), choices=[], validate_choice=False)
    level = SelectField(_l("At least"), choices=LEVEL_CHOICES)
    weekday = SelectField(_l("Available on"), choices=WEEKDAY_CHOICES)
    part = SelectField(_l("Time of day"), choices=PART_CHOICES)
    district = optional_text(_l("District or community"), 100)
    status = SelectField(_l("Status"), choices=STATUS_CHOICES)
    core = SelectField(_l("Core volunteers"), choices=CORE_CHOICES)
    expiring = IntegerField(
        _l("Certificate expires within (days)"),
        validators=[Optional(), NumberRange(0, 3650)],
        render_kw={"inputmode": "numeric"},
    )


# Labels and fixed choices as escaped text, per locale: translated once per
# process, not once per option and page.
_WORDS: dict[str, dict] = {}


def filter_words(form: RosterFilterForm, specialties, locale: str) -> dict:
    """Each field's label and each select's options ``(value, escaped label)``;
    the specialties' names (editable by admins) are read on every call."""
    words = _WORDS.get(locale)
    if words is None:
        words = {
            "labels": {f.name: escape(f.label.text) for f in form},
            "options": {
                name: [(value, escape(label)) for value, label in choices]
                for name, choices in (
                    ("level", LEVEL_CHOICES),
                    ("weekday", WEEKDAY_CHOICES),
                    ("part", PART_CHOICES),
                    ("status", STATUS_CHOICES),
                    ("core", CORE_CHOICES),
                )
            },
            "any_specialty": escape(ANY_SPECIALTY),
        }
        _WORDS[locale] = words
    specialty = [("", words["any_specialty"])] + [
        (str(s.id), escape(s.display_name(locale))) for s in specialties
    ]
    return {
        "labels": words["labels"],
        "options": dict(words["options"], specialty=specialty),
    }


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
