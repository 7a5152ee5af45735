"""Pagination of a select with page numbers from the query string."""

from __future__ import annotations

from flask import request

from volunteer_hub.extensions import db
from volunteer_hub.ids import parse_id

PER_PAGE = 50
# Beyond this the offset alone would overflow nothing, but no list is that long.
MAX_PAGE = 999_999


def paginate(statement, per_page: int = PER_PAGE):
    """A Flask-SQLAlchemy pagination for ``statement`` at ``?page=``; bad numbers
    fall back to page 1 instead of failing."""
    page = parse_id(request.args.get("page"), maximum=MAX_PAGE) or 1
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)
