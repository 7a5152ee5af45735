"""The admins' profile page, its images, and the public logo."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import admin_required, public
from volunteer_hub.organisation import services
from volunteer_hub.organisation.blueprint import bp, image_kind_or_404
from volunteer_hub.organisation.forms import IMAGE_FORMS, ProfileForm
from volunteer_hub.urls import is_local_address
from volunteer_hub.web import commit_service


@bp.route("/", methods=["GET", "POST"])
@admin_required
def edit():
    org = services.current_organisation()
    form = ProfileForm(obj=org)
    if request.method == "GET" and not org.public_url:
        form.public_url.data = request.host_url.rstrip("/")
    if form.validate_on_submit() and commit_service(
        lambda: services.update_organisation(org, by=current_user, **_profile(form)),
        form=form,
    ):
        flash(_("The organisation profile has been saved."), "success")
        return redirect(url_for("organisation.edit"))
    return render_template(
        "organisation/edit.html",
        form=form,
        org=org,
        image_forms={kind: form() for kind, form in IMAGE_FORMS.items()},
        local_address=is_local_address(form.public_url.data),
    )


def _profile(form: ProfileForm) -> dict:
    return {k: v for k, v in form.data.items() if k in services.PROFILE_FIELDS}


@bp.post("/image/<kind>")
@admin_required
def upload_image(kind):
    kind = image_kind_or_404(kind)
    org = services.current_organisation()
    form = IMAGE_FORMS[kind]()
    if form.validate_on_submit() and commit_service(
        lambda: services.set_image(
            org,
            kind,
            form.image.data.read(),
            filename=form.image.data.filename,
            by=current_user,
        ),
        form=form,
    ):
        flash(_("The image has been uploaded."), "success")
        return redirect(url_for("organisation.edit"))
    for message in [*form.image.errors, *form.form_errors]:
        flash(message, "error")
    return redirect(url_for("organisation.edit"))


@bp.post("/image/<kind>/remove")
@admin_required
def remove_image(kind):
    kind = image_kind_or_404(kind)
    org = services.current_organisation()
    if commit_service(lambda: services.remove_image(org, kind, by=current_user)):
        flash(_("The image has been removed."), "success")
    return redirect(url_for("organisation.edit"))


@bp.get("/logo.png")
@public
def logo():
    """The logo is public: it appears in the page header."""
    return _image_response("logo")


@bp.get("/seal.png")
@admin_required
def seal():
    return _image_response("seal")


def _image_response(kind: str) -> Response:
    org = services.current_organisation()
    data = getattr(org, f"{kind}_image", None) if org else None
    if not data:
        abort(404)
    response = Response(data, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=300"
    if request.args.get("download"):
        response.headers["Content-Disposition"] = f"attachment; filename={kind}.png"
    return response
