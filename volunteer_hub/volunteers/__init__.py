"""Volunteers: sign-up, their records, life cycle, hours and certificates.

Layout (see docs/ARCHITECTURE.md): ``blueprint.py`` (the one ``volunteers``
blueprint, its loaders), ``models.py`` (volunteers, specialties, availability,
settings), ``signals.py`` (what projects listen to), ``labels.py``, ``fields.py``,
``personal.py`` (personal data: phones, names, ID numbers), ``taxonomy.py``,
``cli.py``, ``demo.py``; and one sub-package per part, each with the same file
names (``services.py``, ``views.py``, ``forms.py``, and ``models.py`` /
``queries.py`` where needed):

- ``profile/``: the record, specialties; the staff page and the volunteer's page
- ``availability/``: weekly times and dated exceptions
- ``lifecycle/``: sign-up, approval, status, core flag, withdrawal
- ``personal_link/``: the ``/v/<secret>`` link: find, renew, send, ask for
- ``hours/``: service hours, reviews, corrections
- ``certificates/``: service certificates and their public verification
- ``roster/``: the filtered list, CSV export and import
- ``admin/``: specialty taxonomy, settings, privacy notice, poster

Other features add panels to the volunteer's page (slot ``volunteers.personal``)
and the staff page (``volunteers.staff``) through ``volunteer_hub.panels``.
"""

from __future__ import annotations

from flask import Flask

from volunteer_hub.audit.labels import register_values
from volunteer_hub.organisation.kept import watch

# Importing the view modules attaches their routes to the blueprint; nothing
# touches an application until init_app.
from volunteer_hub.volunteers import labels, personal, today
from volunteer_hub.volunteers.admin import views as admin_views
from volunteer_hub.volunteers.availability import views as availability_views
from volunteer_hub.volunteers.blueprint import bp
from volunteer_hub.volunteers.certificates import views as certificate_views
from volunteer_hub.volunteers.cli import volunteers as volunteers_command
from volunteer_hub.volunteers.hours import views as hours_views
from volunteer_hub.volunteers.labels import labels_context
from volunteer_hub.volunteers.lifecycle import views as lifecycle_views
from volunteer_hub.volunteers.models import PrivacyNotice, Specialty, VolunteerSettings
from volunteer_hub.volunteers.personal_link import views as link_views
from volunteer_hub.volunteers.profile import views as profile_views
from volunteer_hub.volunteers.roster import views as roster_views
from volunteer_hub.volunteers.taxonomy import skill_words

VIEWS = (
    profile_views,
    availability_views,
    lifecycle_views,
    link_views,
    hours_views,
    certificate_views,
    roster_views,
    admin_views,
)

# Words for the codes the audit log stores about volunteers and their hours.
AUDIT_VALUES = {
    ("volunteers", "status"): labels.STATUS_LABELS,
    ("volunteers", "source"): labels.SOURCE_LABELS,
    ("volunteers", "specialties"): skill_words,
    ("volunteers", "slots"): labels.slot_words,
    ("volunteers", "part"): labels.slot_words,
    ("specialties", "group"): labels.GROUP_LABELS,
    ("service_records", "source"): labels.RECORD_SOURCE_LABELS,
    ("service_records", "decision"): labels.REVIEW_LABELS,
}


def template_context() -> dict:
    """Labels and phone formats every template may use."""
    return {
        **labels_context(),
        "mask_phone": personal.mask_phone,
        "format_phone": personal.format_phone,
    }


def init_app(app: Flask) -> None:
    """Register the blueprint, the template globals, ``flask volunteers`` and
    the counts on the staff home page; workers keep the taxonomy, the settings
    and the notice until one of them is written (``admin/kept.py``)."""
    app.register_blueprint(bp)
    app.context_processor(template_context)
    app.cli.add_command(volunteers_command)
    today.register(app)
    register_values(AUDIT_VALUES)
    watch(Specialty, VolunteerSettings, PrivacyNotice)
