"""Role checks for staff routes."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from volunteer_hub.extensions import login_manager


def role_required(role: str):
    """Allow the view only to logged-in staff whose role ranks at least ``role``.

    Anonymous visitors are sent to the login page; staff without the role get 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role
        return wrapped

    return decorator


staff_required = role_required("viewer")
coordinator_required = role_required("coordinator")
admin_required = role_required("admin")


def public(view):
    """Mark a view as deliberately open to everyone (sign-up, public drive pages).

    ``tests/test_staff.py`` fails for any route that is neither public nor
    role-checked, so a forgotten decorator cannot slip through.
    """
    view.public = True
    return view
