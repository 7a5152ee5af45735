from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class RevealForm(FlaskForm):
    """Show a message's personal link, once (CSRF only)."""

    submit = SubmitField(_l("Show the link once to pass it on"))


class PassedOnForm(FlaskForm):
    """Record that a message was passed on by hand (CSRF only)."""

    submit = SubmitField(_l("Mark as passed on"))
