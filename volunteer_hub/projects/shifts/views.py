"""Coordinators' pages for projects and shifts.

One blueprint ``projects``; matching, invitation and attendance routes are in
``views_match``, the volunteers' reply pages in ``views_public`` (both
imported at the end of this module).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.errors import DomainError, attach_error, commit_or_flash
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.projects import (
    services,
)
from volunteer_hub.projects.adapter import local_zone
from volunteer_hub.projects.forms import CancelForm, CopyForm, ProjectForm, ShiftForm
from volunteer_hub.projects.labels import PROJECT_STATUS_LABELS, labels_context
from volunteer_hub.projects.models import Project, Shift
from volunteer_hub.volunteers.services_admin import list_specialties

bp = Blueprint("projects", __name__)


@bp.app_context_processor
def _labels():
    return labels_context()


def project_or_404(project_id: int) -> Project:
    return db.get_or_404(Project, project_id)


def shift_or_404(shift_id: int) -> Shift:
    return db.get_or_404(Shift, shift_id)


def _specialty_choices(include_none: bool = False):
    locale = get_locale()
    choices = [
        (s.id, s.display_name(locale)) for s in list_specialties() if not s.retired
    ]
    return ([(0, _("None"))] if include_none else []) + choices


@bp.get("/projects")
@staff_required
def index():
    status = request.args.get("status", "")
    statement = select(Project).order_by(Project.start_date.desc(), Project.id.desc())
    if status in PROJECT_STATUS_LABELS:
        statement = statement.where(Project.status == status)
    counts = dict(
        db.session.execute(
            select(Project.status, func.count()).group_by(Project.status)
        ).all()
    )
    page = paginate(statement)
    return render_template(
        "projects/index.html",
        page=page,
        status=status,
        counts=counts,
        summary=services.fill_summary([p.id for p in page.items]),
    )


def _project_values(form) -> dict:
    return {k: v for k, v in form.data.items() if k in services.PROJECT_FIELDS}


@bp.route("/projects/new", methods=["GET", "POST"])
@coordinator_required
def new():
    form = ProjectForm()
    form.specialty_ids.choices = _specialty_choices()
    if form.validate_on_submit():
        try:
            project = services.create_project(
                created_by=current_user,
                specialty_ids=form.specialty_ids.data,
                **_project_values(form),
            )
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The project has been created. Now add its shifts."), "success")
            return redirect(url_for("projects.shift_new", project_id=project.id))
    return render_template("projects/new.html", form=form)


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(project_id):
    project = project_or_404(project_id)
    form = ProjectForm(obj=project)
    form.specialty_ids.choices = _specialty_choices()
    if request.method == "GET":
        form.specialty_ids.data = [s.id for s in project.specialties]
    if form.validate_on_submit():
        try:
            services.update_project(
                project, specialty_ids=form.specialty_ids.data, **_project_values(form)
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The project has been saved."), "success")
            return redirect(url_for("projects.detail", project_id=project.id))
    return render_template("projects/edit.html", form=form, project=project)


@bp.get("/projects/<int:project_id>")
@staff_required
def detail(project_id):
    project = project_or_404(project_id)
    show_past = request.args.get("past") == "1"
    shifts = services.upcoming_shifts(project, include_past=show_past)
    return render_template(
        "projects/detail.html", project=project, shifts=shifts, show_past=show_past
    )


def _shift_values(form) -> dict:
    zone = local_zone()
    values = {
        k: v
        for k, v in form.data.items()
        if k in services.SHIFT_FIELDS and k not in ("starts_at", "ends_at")
    }
    values["specialty_id"] = form.specialty_id.data or None
    values["min_level"] = form.min_level.data or None
    values["starts_at"] = services.combine_local(
        form.day.data, form.start_time.data, zone
    )
    values["ends_at"] = services.combine_local(form.day.data, form.end_time.data, zone)
    return values


def _shift_form(shift: Shift | None = None) -> ShiftForm:
    form = ShiftForm(obj=shift)
    form.specialty_id.choices = _specialty_choices(include_none=True)
    if shift is not None and request.method == "GET":
        start, end = (
            t.astimezone(local_zone()) for t in (shift.starts_at, shift.ends_at)
        )
        form.day.data, form.start_time.data = start.date(), start.time()
        form.end_time.data = end.time()
        form.specialty_id.data = shift.specialty_id or 0
        form.min_level.data = shift.min_level or ""
    return form


@bp.route("/projects/<int:project_id>/shifts/new", methods=["GET", "POST"])
@coordinator_required
def shift_new(project_id):
    project = project_or_404(project_id)
    form = _shift_form()
    if request.method == "GET" and project.specialties:
        form.specialty_id.data = project.specialties[0].id
    if form.validate_on_submit():
        try:
            shift = services.create_shift(project, **_shift_values(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The shift has been added."), "success")
            return redirect(url_for("projects.shift_copy", shift_id=shift.id))
    return render_template("projects/shift_new.html", form=form, project=project)


@bp.route("/projects/shifts/<int:shift_id>/edit", methods=["GET", "POST"])
@coordinator_required
def shift_edit(shift_id):
    shift = shift_or_404(shift_id)
    form = _shift_form(shift)
    if form.validate_on_submit():
        try:
            services.update_shift(shift, **_shift_values(form))
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The shift has been saved."), "success")
            return redirect(url_for("projects.shift", shift_id=shift.id))
    return render_template(
        "projects/shift_edit.html", form=form, shift=shift, project=shift.project
    )


@bp.route("/projects/shifts/<int:shift_id>/copy", methods=["GET", "POST"])
@coordinator_required
def shift_copy(shift_id):
    shift = shift_or_404(shift_id)
    form = CopyForm()
    if request.method == "GET":
        form.weekdays.data = [shift.starts_at.astimezone(local_zone()).weekday()]
    if form.validate_on_submit():
        try:
            copies = services.copy_shift(
                shift, weeks=form.weeks.data, weekdays=form.weekdays.data
            )
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("%(n)d shifts have been added.", n=len(copies)), "success")
            return redirect(url_for("projects.detail", project_id=shift.project_id))
    return render_template(
        "projects/shift_copy.html", form=form, shift=shift, project=shift.project
    )


@bp.post("/projects/shifts/<int:shift_id>/cancel")
@coordinator_required
def shift_cancel(shift_id):
    shift = shift_or_404(shift_id)
    form = CancelForm()
    if not form.validate_on_submit():
        flash(_("Please check the reason."), "error")
        return redirect(url_for("projects.shift", shift_id=shift.id))
    commit_or_flash(
        lambda: services.cancel_shift(shift, reason=form.reason.data or ""),
        lambda: _("The shift has been cancelled."),
    )
    return redirect(url_for("projects.detail", project_id=shift.project_id))


from volunteer_hub.projects import (  # noqa: E402, F401
    views_after,
    views_match,
    views_public,
)
