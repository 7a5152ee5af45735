"""The blueprint of the home page and the health check."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("main", __name__)
