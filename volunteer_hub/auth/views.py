"""Set-up, log-in and out, one's own password, and the admins' staff pages."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from volunteer_hub.auth import queries, services, setup_code
from volunteer_hub.auth.access import admin_required, public
from volunteer_hub.auth.blueprint import bp, user_or_404
from volunteer_hub.auth.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    InviteForm,
    LoginForm,
    SetupForm,
    StaffEditForm,
)
from volunteer_hub.auth.login import start_session
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db, limiter
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.urls import is_local_address, safe_next_url
from volunteer_hub.web import commit_service


def _setup_form() -> SetupForm:
    """The set-up form, asking for the set-up code unless the visitor is local."""
    form = SetupForm()
    if setup_code.code_required():
        setup_code.ensure_code()
    else:
        del form.setup_code
    return form


@bp.route("/setup", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def setup():
    if current_organisation() is not None:
        return redirect(url_for("main.index"))
    form = _setup_form()
    if request.method == "GET":
        # A suggestion the person setting up confirms; never used unconfirmed.
        form.public_url.data = request.host_url.rstrip("/")
    if form.validate_on_submit():
        code = form.setup_code.data if "setup_code" in form else None
        done = commit_service(lambda: services.set_up(form.data, code=code), form=form)
        if done:
            setup_code.forget()
            start_session(done.value)
            flash(_("Welcome! Your organisation is ready."), "success")
            return redirect(url_for("auth.next_steps"))
        if current_organisation() is not None:  # another set-up won the race
            return redirect(url_for("auth.login"))
    return render_template(
        "auth/setup.html",
        form=form,
        local_address=is_local_address(form.public_url.data),
    )


@bp.get("/setup/next")
@admin_required
def next_steps():
    """Where a new organisation goes from here: specialties, a drive, the QR code."""
    return render_template("auth/next_steps.html")


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        # Not commit_service: a refused log-in is committed too, so that the
        # failure counts whichever worker sees the next attempt.
        try:
            user = services.log_in(form.email.data, form.password.data)
        except DomainError as error:
            db.session.commit()
            form.form_errors.append(str(error.message))
        else:
            db.session.commit()
            start_session(user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@public
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit() and commit_service(
        lambda: services.change_password(user, form.current.data, form.password.data),
        form=form,
    ):
        start_session(user)  # the new session version
        flash(_("Your password has been changed."), "success")
        return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)


@bp.get("/staff")
@admin_required
def staff():
    return render_template("auth/staff.html", users=queries.staff_list())


@bp.route("/staff/new", methods=["GET", "POST"])
@admin_required
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        invited = commit_service(
            lambda: services.invite_staff(
                email=form.email.data,
                name=form.name.data,
                role=form.role.data,
                by=current_user,
            ),
            form=form,
        )
        if invited:
            user, link = invited.value
            return render_template("auth/invited.html", user=user, link=link)
    return render_template("auth/invite.html", form=form)


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit_staff(user_id):
    user = user_or_404(user_id)
    form = StaffEditForm(obj=user)
    if form.validate_on_submit() and commit_service(
        lambda: services.update_user(
            user,
            role=form.role.data,
            active=form.active.data,
            name=form.name.data,
            by=current_user,
        ),
        form=form,
    ):
        flash(_("The account has been saved."), "success")
        return redirect(url_for("auth.staff"))
    return render_template("auth/edit_staff.html", form=form, user=user)


@bp.post("/staff/<int:user_id>/invitation")
@admin_required
def reinvite(user_id):
    user = user_or_404(user_id)
    sent = commit_service(lambda: services.reinvite_staff(user, by=current_user))
    if not sent:
        return redirect(url_for("auth.edit_staff", user_id=user.id))
    return render_template("auth/invited.html", user=user, link=sent.value)


@bp.route("/invitation/<secret>", methods=["GET", "POST"])
@public
def accept_invitation(secret):
    invitation = services.find_invitation(secret)
    if invitation is None:
        return render_template("auth/invitation_invalid.html"), 404
    form = AcceptInvitationForm()
    accepted = form.validate_on_submit() and commit_service(
        lambda: services.accept_invitation(invitation, form.password.data), form=form
    )
    if accepted:
        start_session(accepted.value)
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("main.index"))
    return render_template("auth/accept_invitation.html", form=form)
