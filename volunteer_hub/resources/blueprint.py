"""The resource map's blueprint (``/reports/resources``); the staff pages live in
the sub-packages ``partners``, ``funding``, ``plans`` and ``opportunities``."""

from flask import Blueprint

bp = Blueprint("resources", __name__)
