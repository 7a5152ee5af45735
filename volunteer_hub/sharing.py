"""What a link shows when it is shared (WeChat, other chats): title, text, image.

Public pages fill the ``share`` macro (``templates/_macros/share.html``) with
absolute addresses on the public address (``volunteer_hub.urls``), never the
request's Host header: WeChat fetches the image from the page's own address.
"""

from __future__ import annotations

import mimetypes

from flask import Flask

from volunteer_hub.organisation.services import organisation_profile
from volunteer_hub.urls import external_url

DESCRIPTION_LENGTH = 120
SHARE_IMAGE = "img/icon-512.png"


def share_description(text: str | None) -> str:
    """One paragraph of at most ``DESCRIPTION_LENGTH`` characters."""
    flat = " ".join((text or "").split())
    if len(flat) <= DESCRIPTION_LENGTH:
        return flat
    return flat[: DESCRIPTION_LENGTH - 1] + "…"


def share_image_url() -> str:
    """The organisation's logo when it has one, otherwise the application's icon."""
    org = organisation_profile()
    if org is not None and org.has_logo:
        return external_url("organisation.logo")
    return external_url("static", filename=SHARE_IMAGE)


def init_app(app: Flask) -> None:
    # Some systems' MIME tables lack it; browsers want this type for a manifest.
    mimetypes.add_type("application/manifest+json", ".webmanifest")
    app.jinja_env.globals.update(
        external_url=external_url,
        share_image_url=share_image_url,
        share_description=share_description,
    )
