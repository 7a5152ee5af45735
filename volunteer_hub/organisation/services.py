"""The organisation profile: first-run creation, edits and the seal/logo images."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.organisation import images
from volunteer_hub.organisation.kept import kept
from volunteer_hub.organisation.models import Organisation

PROFILE_FIELDS = (
    "name_zh",
    "name_en",
    "registration_code",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "default_locale",
    "currency",
    "country",
    "timezone",
    "jurisdiction",
    "receipt_wording",
    "public_url",
)
IMAGE_KINDS = ("logo", "seal")
# A seal is often a phone photo or a scan of 1,000+ pixels; only its
# print-ready version reaches documents. The logo is served on every page.
MAX_UPLOAD_BYTES = {"logo": 1024 * 1024, "seal": 5 * 1024 * 1024}


def current_organisation() -> Organisation | None:
    """The organisation's row, looked up once per request: to change it or to
    draw its images. To read the profile, ``organisation_profile()``."""
    if has_app_context() and "organisation" in g:
        return g.organisation
    org = db.session.scalar(select(Organisation).order_by(Organisation.id).limit(1))
    if has_app_context() and org is not None:
        g.organisation = org
    return org


@dataclass(frozen=True)
class OrganisationProfile:
    """A read-only copy of the profile each worker keeps (no images)."""

    id: int
    name_zh: str
    name_en: str
    registration_code: str
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str
    default_locale: str
    currency: str
    country: str
    timezone: str
    jurisdiction: str
    receipt_wording: str
    public_url: str
    has_logo: bool
    has_seal: bool

    display_name = Organisation.display_name


def organisation_profile() -> OrganisationProfile | None:
    """The profile as kept by this worker; None before set-up."""
    return kept("organisation", _load_profile)


def _load_profile() -> OrganisationProfile | None:
    table = Organisation.__table__
    columns = [table.c.id, *(table.c[name] for name in PROFILE_FIELDS)]
    images = [
        table.c.logo_image.is_not(None).label("has_logo"),
        table.c.seal_image.is_not(None).label("has_seal"),
    ]
    statement = select(*columns, *images).order_by(table.c.id).limit(1)
    row = db.session.connection().execute(statement).first()
    return OrganisationProfile(**row._asdict()) if row else None


def organisation_exists() -> bool:
    """Whether set-up is done, asked of the table alone: at start this spares
    the worker the ORM's first query (configuring every mapper) before it
    serves anything."""
    table = Organisation.__table__
    found = db.session.connection().execute(select(table.c.id).limit(1)).first()
    return found is not None


def create_organisation(**values) -> Organisation:
    """Create the one organisation profile; raises DomainError if it exists,
    also when another set-up creates it at the same moment (the unique
    ``singleton`` column refuses the second)."""
    already = DomainError(_l("The organisation has already been set up."))
    if db.session.scalar(select(Organisation.id).limit(1)) is not None:
        raise already
    org = Organisation(**{k: v for k, v in values.items() if k in PROFILE_FIELDS})
    db.session.add(org)
    try:
        db.session.flush()
    except IntegrityError:
        raise already from None
    record("organisation.create", org, after=snapshot(org, PROFILE_FIELDS))
    return org


def update_organisation(org: Organisation, *, by=None, **values) -> None:
    """Change the profile fields given in ``values``; ``by`` is the acting admin."""
    before = snapshot(org, PROFILE_FIELDS)
    for key in PROFILE_FIELDS:
        if key in values:
            setattr(org, key, values[key])
    old, new = changed_fields(before, snapshot(org, PROFILE_FIELDS))
    if new:
        record("organisation.update", org, before=old, after=new, actor=by)


def set_image(
    org: Organisation, kind: str, data: bytes, *, filename: str = "", by=None
) -> None:
    """Store a logo or seal image after checking it; raises DomainError if bad.

    The logo is stored as uploaded (re-encoded as PNG, at most 2,000 px wide).
    The seal is stored print-ready (``images.print_ready_seal``), which is what
    documents draw; the upload, re-encoded the same way as the logo, is kept
    beside it (``seal_original``) so that the seal can be prepared again if a
    document ever prints it larger.
    """
    if kind not in IMAGE_KINDS:
        raise DomainError(_l("Unknown image kind."))
    images.check_file_name(filename)
    picture = images.read_upload(data, max_bytes=MAX_UPLOAD_BYTES[kind])
    if kind == "seal":
        png = images.png_bytes(images.print_ready_seal(picture))
        org.seal_original = images.png_bytes(picture, smallest=False)
    else:
        png = images.png_bytes(picture)
    had = getattr(org, f"{kind}_image") is not None
    setattr(org, f"{kind}_image", png)
    setattr(org, f"{kind}_mime", "image/png")
    record(
        f"organisation.{kind}_upload",
        org,
        before={kind: "present" if had else None},
        after={kind: _described(png)},
        actor=by,
    )


def _described(png: bytes) -> str:
    width, height = images.size_of(png)
    return f"<{len(png)} bytes png, {width}×{height} px>"


def remove_image(org: Organisation, kind: str, *, by=None) -> None:
    if kind not in IMAGE_KINDS:
        raise DomainError(_l("Unknown image kind."))
    setattr(org, f"{kind}_image", None)
    setattr(org, f"{kind}_mime", None)
    if kind == "seal":
        org.seal_original = None
    record(
        f"organisation.{kind}_remove",
        org,
        before={kind: "present"},
        after=None,
        actor=by,
    )
