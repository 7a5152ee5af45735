"""The organisation profile: first-run creation, edits and the seal/logo images."""

from __future__ import annotations

import io
from dataclasses import dataclass

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from volunteer_hub.audit.services import changed_fields, record, snapshot
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.lazy import LazyModule
from volunteer_hub.organisation.kept import kept
from volunteer_hub.organisation.models import Organisation

# Loaded when an image is uploaded, not at start.
Image = LazyModule("PIL.Image")

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
MAX_IMAGE_BYTES = 1024 * 1024
MAX_IMAGE_SIDE = 2000
ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


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


def normalise_image(data: bytes) -> bytes:
    """Check that ``data`` is a real, reasonably sized image and return it as PNG.

    Re-encoding drops metadata and anything hidden after the image data.
    Raises DomainError with a message for the person who uploaded it.
    """
    if not data:
        raise DomainError(_l("Choose an image file."), field="image")
    if len(data) > MAX_IMAGE_BYTES:
        raise DomainError(_l("The image must be smaller than 1 MB."), field="image")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise DomainError(_l("Use a PNG, JPEG, WebP or GIF image."), "image")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except DomainError:
        raise
    except (
        Image.UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
    ):
        raise DomainError(
            _l("This file is not an image we can read."), field="image"
        ) from None
    return out.getvalue()


def set_image(org: Organisation, kind: str, data: bytes, *, by=None) -> None:
    """Store a logo or seal image after checking it; raises DomainError if bad."""
    if kind not in IMAGE_KINDS:
        raise DomainError(_l("Unknown image kind."))
    png = normalise_image(data)
    had = getattr(org, f"{kind}_image") is not None
    setattr(org, f"{kind}_image", png)
    setattr(org, f"{kind}_mime", "image/png")
    record(
        f"organisation.{kind}_upload",
        org,
        before={kind: "present" if had else None},
        after={kind: f"<{len(png)} bytes png>"},
        actor=by,
    )


def remove_image(org: Organisation, kind: str, *, by=None) -> None:
    if kind not in IMAGE_KINDS:
        raise DomainError(_l("Unknown image kind."))
    setattr(org, f"{kind}_image", None)
    setattr(org, f"{kind}_mime", None)
    record(
        f"organisation.{kind}_remove",
        org,
        before={kind: "present"},
        after=None,
        actor=by,
    )
