"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``."""

from volunteer_hub import create_app

app = create_app()
