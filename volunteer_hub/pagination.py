"""Pagination of a select with page numbers from the query string."""

from __future__ import annotations

from flask import request

from volunteer_hub.extensions import db

PER_PAGE = 50


def paginate(statement, per_page: int = PER_PAGE):
    """A Flask-SQLAlchemy pagination for ``statement`` at ``?page=``; bad numbers
    fall back to page 1 instead of failing."""
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < len(page) < 7 else 1
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)
