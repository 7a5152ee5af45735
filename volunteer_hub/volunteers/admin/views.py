"""Admin pages: the specialty taxonomy, volunteer settings, the privacy notice,
and the printable sign-up poster; the public privacy page."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import admin_required, public, staff_required
from volunteer_hub.qr import qr_svg
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers.admin import queries, services
from volunteer_hub.volunteers.admin.forms import NoticeForm, SettingsForm, SpecialtyForm
from volunteer_hub.volunteers.blueprint import bp, flash_errors, specialty_or_404
from volunteer_hub.web import commit_service


def specialty_values(form) -> dict:
    return {k: v for k, v in form.data.items() if k in services.SPECIALTY_FIELDS}


@bp.get("/volunteers/specialties")
@admin_required
def specialties():
    commit_service(services.ensure_specialties)
    return render_template(
        "volunteers/specialties.html",
        specialties=services.list_specialties(include_retired=True),
        counts=queries.holders_by_specialty(),
    )


@bp.route("/volunteers/specialties/new", methods=["GET", "POST"])
@admin_required
def new_specialty():
    form = SpecialtyForm()
    if form.validate_on_submit() and commit_service(
        lambda: services.create_specialty(
            code=form.code.data or "", **specialty_values(form)
        ),
        form=form,
    ):
        flash(_("The specialty has been added."), "success")
        return redirect(url_for("volunteers.specialties"))
    return render_template("volunteers/specialty_form.html", form=form, specialty=None)


@bp.route("/volunteers/specialties/<int:specialty_id>", methods=["GET", "POST"])
@admin_required
def edit_specialty(specialty_id):
    specialty = specialty_or_404(specialty_id)
    form = SpecialtyForm(obj=specialty)
    del form.code
    if form.validate_on_submit() and commit_service(
        lambda: services.update_specialty(specialty, **specialty_values(form)),
        form=form,
    ):
        flash(_("The specialty has been saved."), "success")
        return redirect(url_for("volunteers.specialties"))
    return render_template(
        "volunteers/specialty_form.html", form=form, specialty=specialty
    )


@bp.post("/volunteers/specialties/<int:specialty_id>/<any(retire,restore):action>")
@admin_required
def retire_specialty(specialty_id, action):
    specialty = specialty_or_404(specialty_id)
    retire = action == "retire"
    if commit_service(lambda: services.set_specialty_retired(specialty, retire)):
        if retire:
            flash(
                _("The specialty is retired; volunteers who have it keep it."),
                "success",
            )
        else:
            flash(_("The specialty can be chosen again."), "success")
    return redirect(url_for("volunteers.specialties"))


@bp.route("/volunteers/settings", methods=["GET", "POST"])
@admin_required
def settings():
    form = SettingsForm(obj=services.current_settings())
    notice = services.current_notice()
    notice_form = NoticeForm(
        formdata=None, text_zh=notice.text_zh, text_en=notice.text_en
    )
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k in services.SETTINGS_FIELDS}
        if commit_service(lambda: services.update_settings(**values), form=form):
            flash(_("The settings have been saved."), "success")
            return redirect(url_for("volunteers.settings"))
    return render_template(
        "volunteers/settings.html", form=form, notice=notice, notice_form=notice_form
    )


@bp.post("/volunteers/settings/notice")
@admin_required
def publish_notice():
    form = NoticeForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(url_for("volunteers.settings"))
    done = commit_service(
        lambda: services.publish_notice(
            text_zh=form.text_zh.data,
            text_en=form.text_en.data or "",
            published_by=current_user,
        )
    )
    if done:
        flash(
            _("Version %(v)s of the notice is published.", v=done.value.version),
            "success",
        )
    return redirect(url_for("volunteers.settings"))


@bp.get("/volunteers/poster")
@staff_required
def poster():
    """The sign-up link and its QR code, to print or show at an event."""
    url = external_url("volunteers.signup")
    return render_template(
        "volunteers/poster.html",
        url=url,
        qr=qr_svg(url, aria_label=_("QR code of the sign-up page")),
    )


@bp.get("/privacy")
@public
def privacy():
    return render_template("volunteers/privacy.html", notice=services.current_notice())
