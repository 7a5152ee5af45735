"""What every view shares: one commit per request, a service's error shown to the user.

A view validates its form, then hands the one use-case service call to
``commit_service``; that is the only place a view commits or rolls back::

    if form.validate_on_submit() and commit_service(
        lambda: services.add_item(drive, form.data, user=current_user), form=form
    ):
        flash(_("Item added."), "success")
        return redirect(url_for("drives.detail", drive_id=drive.id))
    return render_template("drives/item_form.html", form=form)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash

from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db

T = TypeVar("T")


class Outcome:
    """What ``commit_service`` did: ``ok``, the service's ``value`` or its ``error``."""

    __slots__ = ("ok", "value", "error")

    def __init__(self, ok: bool, value=None, error: DomainError | None = None):
        self.ok, self.value, self.error = ok, value, error

    def __bool__(self) -> bool:
        return self.ok


def commit_service(action: Callable[[], T], *, form=None) -> Outcome:
    """Call ``action`` and commit once; on a DomainError roll back and report it.

    The result is truthy when the action succeeded; ``.value`` is what it returned.

    The error lands on the form field it names (or the form) when a form is given,
    otherwise it is flashed. Nothing the action added survives a DomainError.
    """
    try:
        value = action()
    except DomainError as error:
        db.session.rollback()
        if form is not None:
            attach_error(form, error)
        else:
            flash(str(error.message), "error")
        return Outcome(False, error=error)
    db.session.commit()
    return Outcome(True, value=value)
