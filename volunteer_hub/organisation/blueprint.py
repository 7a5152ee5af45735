"""The blueprint of the organisation profile, and its loader."""

from __future__ import annotations

from flask import Blueprint, abort

from volunteer_hub.organisation.services import IMAGE_KINDS

bp = Blueprint("organisation", __name__, url_prefix="/organisation")


def image_kind_or_404(kind: str) -> str:
    """``kind`` when it names one of the profile's images (logo, seal)."""
    if kind not in IMAGE_KINDS:
        abort(404)
    return kind
