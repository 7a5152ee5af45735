"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``."""

import sys

from volunteer_hub import create_app
from volunteer_hub.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    # One line that says what to fix, instead of a traceback in every worker.
    sys.exit(f"Volunteer Hub cannot start: {error}")
