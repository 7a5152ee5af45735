"""Receipts listening to drives: automatic issue on intake, void on reversal.

Connected by ``init_app``. The acting user is the one who recorded the intake
(or its reversal); staff in a request are told what happened with a flash.
"""

from __future__ import annotations

from flask import flash, has_request_context
from flask_babel import gettext as _

from volunteer_hub.auth.models import User
from volunteer_hub.drives import signals
from volunteer_hub.drives.queries import accepted_lines
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.receipts import services


def _tell(message: str, category: str) -> None:
    if has_request_context():
        flash(message, category)


def _recorder(intake) -> User | None:
    if intake.recorded_by_id is None:
        return None
    return db.session.get(User, intake.recorded_by_id)


def on_intake_recorded(intake, **_extra) -> None:
    """Issue the intake's receipt when the organisation chose automatic issue.

    A receipt that cannot be issued (say, the seal is missing) never stops the
    intake from being recorded: staff are told what is missing instead.
    """
    if intake.donor_id is None or not accepted_lines(intake):
        return
    if not services.get_settings().auto_issue:
        return
    try:
        receipt = services.issue_intake_receipt(intake, by=_recorder(intake))
    except DomainError as error:
        _tell(_("No receipt was issued: %(why)s", why=error.message), "warning")
        return
    _tell(_("Receipt %(number)s was issued.", number=receipt.number), "success")


def on_intake_reversed(reversal, original=None, **_extra) -> None:
    """A reversed intake's receipt no longer tells the truth: void it."""
    if original is None:
        return
    reason = _(
        "Intake %(number)s was reversed: %(reason)s",
        number=original.number,
        reason=reversal.reason,
    )[:500]
    for receipt in services.receipts_for_intake(original):
        if receipt.void is None:
            services.void_receipt(receipt, reason, by=_recorder(reversal))
            _tell(
                _(
                    "Receipt %(number)s was voided with the intake.",
                    number=receipt.number,
                ),
                "warning",
            )


def connect() -> None:
    signals.intake_recorded.connect(on_intake_recorded, weak=False)
    signals.intake_reversed.connect(on_intake_reversed, weak=False)
