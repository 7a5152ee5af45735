"""PDF rendering for receipts, reports and certificates (see ``render.py``)."""

from volunteer_hub.pdf.fetcher import FetchRefused, StaticOnlyFetcher
from volunteer_hub.pdf.render import (
    IMAGE_TYPES,
    PAGE_SIZES,
    image_data_uri,
    organisation_context,
    render_pdf,
    render_pdf_html,
)

__all__ = [
    "IMAGE_TYPES",
    "PAGE_SIZES",
    "FetchRefused",
    "StaticOnlyFetcher",
    "image_data_uri",
    "organisation_context",
    "render_pdf",
    "render_pdf_html",
]
