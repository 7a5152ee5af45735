"""Coordinators' pages for projects and their shifts, and a shift's team page."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub import clock
from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.pagination import paginate
from volunteer_hub.projects import today
from volunteer_hub.projects.adapter import local_zone
from volunteer_hub.projects.attendance.forms import AttendanceForm
from volunteer_hub.projects.attendance.services import hours_record
from volunteer_hub.projects.blueprint import bp, project_or_404, shift_or_404
from volunteer_hub.projects.booking.proposals import reasons_json
from volunteer_hub.projects.booking.queries import next_best_for, volunteers_by_id
from volunteer_hub.projects.labels import PROJECT_STATUS_LABELS
from volunteer_hub.projects.models import Shift
from volunteer_hub.projects.shifts import queries, services
from volunteer_hub.projects.shifts.forms import (
    CancelForm,
    CopyForm,
    ProjectForm,
    ShiftForm,
)
from volunteer_hub.volunteers.services_admin import list_specialties
from volunteer_hub.web import commit_service


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
    known = status if status in PROJECT_STATUS_LABELS else ""
    page = paginate(queries.projects_listed(known))
    return render_template(
        "projects/index.html",
        page=page,
        status=status,
        counts=queries.status_counts(),
        summary=queries.fill_summary([p.id for p in page.items]),
    )


@bp.get("/projects/shifts/short")
@staff_required
def short_shifts():
    """The shifts the home page counts as short of people."""
    return render_template("projects/short_shifts.html", rows=today.short_shift_rows())


def _project_values(form) -> dict:
    return {k: v for k, v in form.data.items() if k in services.PROJECT_FIELDS}


@bp.route("/projects/new", methods=["GET", "POST"])
@coordinator_required
def new():
    form = ProjectForm()
    form.specialty_ids.choices = _specialty_choices()
    if form.validate_on_submit() and (
        done := commit_service(
            lambda: services.create_project(
                created_by=current_user,
                specialty_ids=form.specialty_ids.data,
                **_project_values(form),
            ),
            form=form,
        )
    ):
        flash(_("The project has been created. Now add its shifts."), "success")
        return redirect(url_for("projects.shift_new", project_id=done.value.id))
    return render_template("projects/new.html", form=form)


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(project_id):
    project = project_or_404(project_id)
    form = ProjectForm(obj=project)
    form.specialty_ids.choices = _specialty_choices()
    if request.method == "GET":
        form.specialty_ids.data = [s.id for s in project.specialties]
    if form.validate_on_submit() and commit_service(
        lambda: services.update_project(
            project, specialty_ids=form.specialty_ids.data, **_project_values(form)
        ),
        form=form,
    ):
        flash(_("The project has been saved."), "success")
        return redirect(url_for("projects.detail", project_id=project.id))
    return render_template("projects/edit.html", form=form, project=project)


@bp.get("/projects/<int:project_id>")
@staff_required
def detail(project_id):
    project = project_or_404(project_id)
    show_past = request.args.get("past") == "1"
    shifts = queries.upcoming_shifts(project, include_past=show_past)
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
    if form.validate_on_submit() and (
        done := commit_service(
            lambda: services.create_shift(project, **_shift_values(form)), form=form
        )
    ):
        flash(_("The shift has been added."), "success")
        return redirect(url_for("projects.shift_copy", shift_id=done.value.id))
    return render_template("projects/shift_new.html", form=form, project=project)


@bp.route("/projects/shifts/<int:shift_id>/edit", methods=["GET", "POST"])
@coordinator_required
def shift_edit(shift_id):
    shift = shift_or_404(shift_id)
    form = _shift_form(shift)
    if form.validate_on_submit() and commit_service(
        lambda: services.update_shift(shift, **_shift_values(form)), form=form
    ):
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
    if form.validate_on_submit() and (
        done := commit_service(
            lambda: services.copy_shift(
                shift, weeks=form.weeks.data, weekdays=form.weekdays.data
            ),
            form=form,
        )
    ):
        flash(_("%(n)d shifts have been added.", n=len(done.value)), "success")
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
    if commit_service(
        lambda: services.cancel_shift(shift, reason=form.reason.data or "")
    ):
        flash(_("The shift has been cancelled."), "success")
    return redirect(url_for("projects.detail", project_id=shift.project_id))


@bp.get("/projects/shifts/<int:shift_id>")
@coordinator_required
def shift(shift_id):
    shift = shift_or_404(shift_id)
    suggestion = None
    declined = any(a.status == "declined" for a in shift.assignments)
    if declined and shift.filled() < shift.slots:
        suggestion = next_best_for(shift)
    return render_template(
        "projects/shift.html",
        shift=shift,
        project=shift.project,
        suggestion=suggestion,
        suggested=volunteers_by_id([suggestion.volunteer_id]) if suggestion else {},
        suggestion_reasons=reasons_json(suggestion.reasons) if suggestion else [],
        now=clock.now(),
        records={a.id: hours_record(a) for a in shift.assignments},
        cancel_form=CancelForm(formdata=None),
        attendance_form=AttendanceForm(formdata=None),
    )
