"""The receipt settings page (admins)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from volunteer_hub.auth.access import admin_required
from volunteer_hub.receipts import services, signing
from volunteer_hub.receipts.blueprint import bp
from volunteer_hub.receipts.settings.forms import SettingsForm
from volunteer_hub.receipts.settings.services import save_settings, series_patterns
from volunteer_hub.web import commit_service


@bp.route("/settings", methods=["GET", "POST"])
@admin_required
def settings():
    patterns = series_patterns()
    form = SettingsForm(
        obj=services.get_settings(),
        receipt_pattern=patterns["intake"],
        statement_pattern=patterns["statement"],
    )
    if form.validate_on_submit() and commit_service(
        lambda: save_settings(form.data), form=form
    ):
        flash(_("The receipt settings have been saved."), "success")
        return redirect(url_for("receipts.settings"))
    return render_template(
        "receipts/settings.html",
        form=form,
        signer=signing.certificate_subject(),
        signing=signing.enabled(),
    )
