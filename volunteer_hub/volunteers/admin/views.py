"""Admin pages: the specialty taxonomy, volunteer settings, the privacy notice,
and the printable sign-up poster."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from volunteer_hub.auth.access import admin_required, staff_required
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.qr import qr_svg
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers import services_admin as admin
from volunteer_hub.volunteers.forms_staff import NoticeForm, SettingsForm, SpecialtyForm
from volunteer_hub.volunteers.models import Specialty, VolunteerSpecialty
from volunteer_hub.volunteers.views import bp


@bp.get("/volunteers/specialties")
@admin_required
def specialties():
    admin.ensure_specialties()
    db.session.commit()
    counts = dict(
        db.session.execute(
            select(VolunteerSpecialty.specialty_id, func.count()).group_by(
                VolunteerSpecialty.specialty_id
            )
        ).all()
    )
    return render_template(
        "volunteers/specialties.html",
        specialties=admin.list_specialties(include_retired=True),
        counts=counts,
    )


@bp.route("/volunteers/specialties/new", methods=["GET", "POST"])
@admin_required
def new_specialty():
    form = SpecialtyForm()
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k in admin.SPECIALTY_FIELDS}
        try:
            admin.create_specialty(code=form.code.data or "", **values)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The specialty has been added."), "success")
            return redirect(url_for("volunteers.specialties"))
    return render_template("volunteers/specialty_form.html", form=form, specialty=None)


def _specialty_or_404(specialty_id) -> Specialty:
    specialty = db.session.get(Specialty, specialty_id)
    if specialty is None:
        abort(404)
    return specialty


@bp.route("/volunteers/specialties/<int:specialty_id>", methods=["GET", "POST"])
@admin_required
def edit_specialty(specialty_id):
    specialty = _specialty_or_404(specialty_id)
    form = SpecialtyForm(obj=specialty)
    del form.code
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k in admin.SPECIALTY_FIELDS}
        try:
            admin.update_specialty(specialty, **values)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The specialty has been saved."), "success")
            return redirect(url_for("volunteers.specialties"))
    return render_template(
        "volunteers/specialty_form.html", form=form, specialty=specialty
    )


@bp.post("/volunteers/specialties/<int:specialty_id>/<any(retire,restore):action>")
@admin_required
def retire_specialty(specialty_id, action):
    specialty = _specialty_or_404(specialty_id)
    admin.set_specialty_retired(specialty, action == "retire")
    db.session.commit()
    if action == "retire":
        flash(_("The specialty is retired; volunteers who have it keep it."), "success")
    else:
        flash(_("The specialty can be chosen again."), "success")
    return redirect(url_for("volunteers.specialties"))


@bp.route("/volunteers/settings", methods=["GET", "POST"])
@admin_required
def settings():
    current = admin.current_settings()
    form = SettingsForm(obj=current)
    notice = admin.current_notice()
    notice_form = NoticeForm(
        formdata=None, text_zh=notice.text_zh, text_en=notice.text_en
    )
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k in admin.SETTINGS_FIELDS}
        admin.update_settings(**values)
        db.session.commit()
        flash(_("The settings have been saved."), "success")
        return redirect(url_for("volunteers.settings"))
    return render_template(
        "volunteers/settings.html", form=form, notice=notice, notice_form=notice_form
    )


@bp.post("/volunteers/settings/notice")
@admin_required
def publish_notice():
    form = NoticeForm()
    if form.validate_on_submit():
        try:
            notice = admin.publish_notice(
                text_zh=form.text_zh.data,
                text_en=form.text_en.data or "",
                published_by=current_user,
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(
                _("Version %(v)s of the notice is published.", v=notice.version),
                "success",
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
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
