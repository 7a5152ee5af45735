"""The public drive page ``/drives/<slug>`` and its pledge form."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from volunteer_hub.auth.access import public
from volunteer_hub.drives import progress, services
from volunteer_hub.drives.forms import pledge_form_for
from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.views import bp
from volunteer_hub.drives.views_pledges import (
    attach_pledge_error,
    label_quantities,
    save_pledge,
)
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db, limiter

PLEDGE_LIMIT = "5 per minute; 30 per hour"


def visible_drive(slug: str) -> Drive:
    """The drive, if the public may see it (staff may preview any); else 404."""
    drive = services.drive_by_slug(slug)
    if drive is None:
        abort(404)
    if (not drive.public or drive.status == "draft") and not (
        current_user.is_authenticated
    ):
        abort(404)
    return drive


def _render(drive: Drive, rows, form=None, status=200):
    needed = [r for r in rows if r.item.is_goal and not r.reached]
    needed.sort(key=lambda r: (r.item.priority, -r.still_needed))
    reached = [r for r in rows if r.reached]
    others = [r for r in rows if not r.item.is_goal and r.accepted > 0]
    pledgeable = [r.item for r in needed] if drive.is_open else []
    if form is None and pledgeable:
        form = pledge_form_for(pledgeable)
    if form is not None:
        label_quantities(form, pledgeable)
    return render_template(
        "drives/public_page.html",
        drive=drive,
        needed=needed,
        reached=reached,
        others=others,
        overall=progress.overall_percent(rows),
        form=form,
        pledgeable=pledgeable,
        donors=progress.recent_donors(drive),
        given=progress.where_goods_went(drive),
        items={r.item.id: r.item for r in rows},
    ), status


@bp.get("/<slug>")
@public
def public_page(slug):
    drive = visible_drive(slug)
    return _render(drive, progress.item_progress(drive))


@bp.post("/<slug>/pledge")
@public
@limiter.limit(PLEDGE_LIMIT)
def pledge(slug):
    drive = visible_drive(slug)
    rows = progress.item_progress(drive)
    needed = {r.item.id: r.still_needed for r in rows if r.item.is_goal}
    items = [r.item for r in rows if r.item.is_goal and not r.reached]
    if not drive.is_open or not items:
        flash(_("This drive is not taking pledges."), "error")
        return redirect(url_for("drives.public_page", slug=drive.slug))
    form = pledge_form_for(items)
    if form.validate_on_submit():
        try:
            save_pledge(drive, form, items, "public", still_needed=needed)
        except DomainError as error:
            db.session.rollback()
            attach_pledge_error(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "Thank you! Your pledge has been recorded. Please bring the goods "
                    "to a drop-off point listed below."
                ),
                "success",
            )
            return redirect(url_for("drives.public_page", slug=drive.slug))
    return _render(drive, rows, form, 400)


@bp.app_template_global()
def open_public_drives(limit: int = 5) -> list[Drive]:
    """Open, public drives for the home page, the ones ending soonest first."""
    query = (
        select(Drive)
        .where(Drive.public.is_(True), Drive.status == "open")
        .order_by(Drive.ends_on.is_(None), Drive.ends_on, Drive.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
