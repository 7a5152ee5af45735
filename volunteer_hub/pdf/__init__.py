"""PDF rendering for receipts, reports and certificates (see ``render.py``).

WeasyPrint is imported on the first render, not with this package, so a web
worker that never renders a PDF never loads it.
"""

from volunteer_hub.pdf import fetcher
from volunteer_hub.pdf.fetcher import FetchRefused, static_only_fetcher
from volunteer_hub.pdf.render import (
    IMAGE_TYPES,
    PAGE_SIZES,
    image_data_uri,
    organisation_context,
    prepare,
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
    "prepare",
    "render_pdf",
    "render_pdf_html",
    "static_only_fetcher",
]


def __getattr__(name: str):
    # ``pdf.StaticOnlyFetcher`` is the fetcher class, built on first access.
    if name == "StaticOnlyFetcher":
        return fetcher.fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
