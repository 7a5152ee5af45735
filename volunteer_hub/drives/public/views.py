"""The public drive page ``/drives/<slug>`` and its pledge form."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from volunteer_hub.auth.access import public
from volunteer_hub.drives import services
from volunteer_hub.drives.blueprint import acting_user, bp
from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.pledges.forms import label_quantities, pledge_form_for
from volunteer_hub.drives.pledges.services import record_pledge
from volunteer_hub.drives.public.cache import kept_body, kept_sums
from volunteer_hub.drives.public.queries import (
    goods_value,
    recent_donors,
    states_values,
    where_goods_went,
)
from volunteer_hub.drives.queries import item_progress, overall_percent
from volunteer_hub.extensions import db, limiter
from volunteer_hub.organisation.kept import settings_version
from volunteer_hub.organisation.services import organisation_profile
from volunteer_hub.web import commit_service

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


def _render_body(drive: Drive, rows, form=None) -> str:
    """The page's body (``drives/_public_body.html``) from progress ``rows``."""
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
        "drives/_public_body.html",
        drive=drive,
        needed=needed,
        reached=reached,
        others=others,
        overall=overall_percent(rows),
        value=goods_value(rows) if states_values(organisation_profile()) else None,
        form=form,
        pledgeable=pledgeable,
        donors=recent_donors(drive),
        given=where_goods_went(drive),
        items={r.item.id: r.item for r in rows},
    )


def _page(drive: Drive, body: Markup, status: int = 200):
    return render_template("drives/public_page.html", drive=drive, body=body), status


def _kept_body(drive: Drive) -> Markup:
    """The body as kept since the drive's last change (see ``public/cache.py``).

    ``drive`` was read first in this request, so its version is never newer
    than the figures a miss sums after it."""
    # The body's dates and sums, and whether it states a value, follow the
    # organisation's settings: kept under their token as well, which every
    # write of the profile renews (organisation/kept.py).
    return kept_body(
        (drive.id, str(get_locale())),
        (drive.page_version, settings_version()),
        lambda: _render_body(drive, item_progress(drive, kept_sums(drive))),
    )


@bp.get("/<slug>")
@public
def public_page(slug):
    drive = visible_drive(slug)
    return _page(drive, _kept_body(drive))


@bp.post("/<slug>/pledge")
@public
@limiter.limit(PLEDGE_LIMIT)
def pledge(slug):
    drive = visible_drive(slug)
    rows = item_progress(drive)
    needed = {r.item.id: r.still_needed for r in rows if r.item.is_goal}
    items = [r.item for r in rows if r.item.is_goal and not r.reached]
    if not drive.is_open or not items:
        flash(_("This drive is not taking pledges."), "error")
        return redirect(url_for("drives.public_page", slug=drive.slug))
    form = pledge_form_for(items)
    if form.validate_on_submit() and commit_service(
        lambda: record_pledge(
            drive, form.pledge(), source="public", still_needed=needed, by=acting_user()
        ),
        form=form,
    ):
        flash(
            _(
                "Thank you! Your pledge has been recorded. Please bring the goods "
                "to a drop-off point listed below."
            ),
            "success",
        )
        return redirect(url_for("drives.public_page", slug=drive.slug))
    return _page(drive, Markup(_render_body(drive, rows, form)), 400)


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
