from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from volunteer_hub.auth import services, setup_code
from volunteer_hub.auth.access import admin_required
from volunteer_hub.auth.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    InviteForm,
    LoginForm,
    SetupForm,
    StaffEditForm,
)
from volunteer_hub.auth.login import start_session
from volunteer_hub.auth.models import User
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db, limiter
from volunteer_hub.organisation.services import (
    PROFILE_FIELDS,
    create_organisation,
    current_organisation,
)
from volunteer_hub.urls import external_url, is_local_address, safe_next_url

bp = Blueprint("auth", __name__)


def _setup_form() -> SetupForm:
    """The set-up form, asking for the set-up code unless the visitor is local."""
    form = SetupForm()
    if setup_code.code_required():
        setup_code.ensure_code()
    else:
        del form.setup_code
    return form


@bp.route("/setup", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def setup():
    if current_organisation() is not None:
        return redirect(url_for("main.index"))
    form = _setup_form()
    if request.method == "GET":
        # A suggestion the person setting up confirms; never used unconfirmed.
        form.public_url.data = request.host_url.rstrip("/")
    if form.validate_on_submit():
        try:
            if "setup_code" in form and not setup_code.check(form.setup_code.data):
                raise DomainError(
                    _("This set-up code is not correct."), field="setup_code"
                )
            create_organisation(
                **{k: v for k, v in form.data.items() if k in PROFILE_FIELDS}
            )
            user = services.create_user(
                email=form.admin_email.data,
                name=form.admin_name.data,
                role="admin",
                password=form.password.data,
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            try:
                db.session.commit()
            except IntegrityError:  # another set-up won the race
                db.session.rollback()
                return redirect(url_for("auth.login"))
            setup_code.forget()
            start_session(user)
            flash(_("Welcome! Your organisation is ready."), "success")
            return redirect(url_for("main.index"))
    return render_template(
        "auth/setup.html",
        form=form,
        local_address=is_local_address(form.public_url.data),
    )


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.log_in(form.email.data, form.password.data)
        except DomainError as error:
            db.session.commit()  # the failure counts, whichever worker sees the next
            form.form_errors.append(str(error.message))
        else:
            db.session.commit()
            start_session(user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, form.current.data, form.password.data
            )
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            start_session(current_user._get_current_object())  # new session version
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)


@bp.get("/staff")
@admin_required
def staff():
    users = db.session.scalars(select(User).order_by(User.active.desc(), User.name))
    return render_template("auth/staff.html", users=users.all())


@bp.route("/staff/new", methods=["GET", "POST"])
@admin_required
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user, secret = services.invite_user(
                email=form.email.data,
                name=form.name.data,
                role=form.role.data,
                invited_by=current_user,
            )
        except DomainError as error:
            attach_error(form, error)
        else:
            link = _send_invitation(user, secret)
            db.session.commit()
            return render_template("auth/invited.html", user=user, link=link)
    return render_template("auth/invite.html", form=form)


def _send_invitation(user: User, secret: str) -> str:
    from volunteer_hub.outbox.services import queue_message

    link = external_url("auth.accept_invitation", secret=secret)
    queue_message(
        to_address=user.email,
        to_name=user.name,
        subject=_("Your Volunteer Hub account"),
        body=_(
            "Hello %(name)s,\n\nyou have been given a staff account. Open this link "
            "within 7 days to set your password:\n\n%(link)s\n",
            name=user.name,
            link=link,
        ),
        entity=user,
        created_by=current_user,
        secret=link,
        shown=True,
        audience="admin",
    )
    return link


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit_staff(user_id):
    user = db.get_or_404(User, user_id)
    form = StaffEditForm(obj=user)
    if form.validate_on_submit():
        try:
            services.update_user(
                user, role=form.role.data, active=form.active.data, name=form.name.data
            )
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The account has been saved."), "success")
            return redirect(url_for("auth.staff"))
    return render_template("auth/edit_staff.html", form=form, user=user)


@bp.post("/staff/<int:user_id>/invitation")
@admin_required
def reinvite(user_id):
    user = db.get_or_404(User, user_id)
    link = _send_invitation(
        user, services.issue_invitation(user, invited_by=current_user)
    )
    db.session.commit()
    return render_template("auth/invited.html", user=user, link=link)


@bp.route("/invitation/<secret>", methods=["GET", "POST"])
def accept_invitation(secret):
    invitation = services.find_invitation(secret)
    if invitation is None:
        return render_template("auth/invitation_invalid.html"), 404
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(invitation, form.password.data)
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            start_session(user)
            flash(_("Your password is set. Welcome!"), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/accept_invitation.html", form=form)
