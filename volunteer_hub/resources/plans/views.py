"""A project's funding plan, and the admin's settings for plans and hours."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer_hub.auth.access import (
    admin_required,
    coordinator_required,
    staff_required,
)
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.reports.tables import fmt_money
from volunteer_hub.resources.funding.models import Contribution
from volunteer_hub.resources.labels import HOUR_LEVEL_LABELS
from volunteer_hub.resources.plans import services
from volunteer_hub.resources.plans.blueprint import bp, line_or_404, project_or_404
from volunteer_hub.resources.plans.forms import LineForm, SettingsForm, ShareForm


def _share_form(project, form=None) -> ShareForm:
    form = form or ShareForm(formdata=None)
    form.line_id.choices = [
        (p.line.id, f"{p.line.title} · {fmt_money(p.open)}")
        for p in services.funding_plan(project).lines
    ]
    form.contribution_id.choices = [
        (
            c.id,
            f"{c.partner.name if c.partner else _('Our organisation')} · "
            f"{fmt_money(c.value_amount)}"
            + (f" · {_('restricted')}" if c.restricted else ""),
        )
        for c in services.project_money(project)
    ]
    return form


def _page(project, status=200, line_form=None, share_form=None):
    return render_template(
        "resources/plans/plan.html",
        project=project,
        plan=services.funding_plan(project),
        line_form=line_form or LineForm(formdata=None),
        share_form=_share_form(project, share_form),
    ), status


@bp.get("/projects/<int:project_id>")
@staff_required
def plan(project_id: int):
    return _page(project_or_404(project_id))


def _run(form, action, project, **page):
    if form.validate_on_submit():
        try:
            action()
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The funding plan was saved."), "success")
            return redirect(url_for("plans.plan", project_id=project.id))
    return _page(project, 400, **page)


@bp.post("/projects/<int:project_id>/lines")
@coordinator_required
def add_line(project_id: int):
    project = project_or_404(project_id)
    form = LineForm()
    return _run(
        form,
        lambda: services.add_budget_line(
            current_user,
            project,
            category=form.category.data,
            title=form.title.data,
            amount=form.amount.data,
        ),
        project,
        line_form=form,
    )


@bp.post("/projects/<int:project_id>/shares")
@coordinator_required
def add_share(project_id: int):

    project = project_or_404(project_id)
    form = _share_form(project, ShareForm())

    def action():
        line = line_or_404(project, form.line_id.data or 0)
        contribution = db.session.get(Contribution, form.contribution_id.data or 0)
        if contribution is None:
            raise DomainError(_("Choose from the list."), "contribution_id")
        services.add_share(
            current_user, line, contribution=contribution, amount=form.amount.data
        )

    return _run(form, action, project, share_form=form)


@bp.route("/settings", methods=["GET", "POST"])
@admin_required
def settings():
    form = SettingsForm()
    if request.method == "GET":
        form.personnel_share.data = services.settings().personnel_share
        for level, amount in services.hour_values().items():
            getattr(form, f"hour_{level}").data = amount
    if form.validate_on_submit():
        values = {
            level: getattr(form, f"hour_{level}").data for level in HOUR_LEVEL_LABELS
        }
        try:
            services.save_settings(
                current_user,
                personnel_share=form.personnel_share.data,
                hour_values=values,
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The settings were saved."), "success")
            return redirect(url_for("plans.settings"))
    status = 400 if form.errors else 200
    return render_template("resources/plans/settings.html", form=form), status
