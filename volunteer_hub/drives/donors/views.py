"""Staff pages for donors: search, record, edits and merging duplicates."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives.blueprint import bp
from volunteer_hub.drives.donors import services
from volunteer_hub.drives.donors.forms import DonorForm, MergeForm, SearchForm
from volunteer_hub.drives.donors.queries import search_donors
from volunteer_hub.drives.intake.queries import donor_intakes
from volunteer_hub.drives.models import Donor, Pledge
from volunteer_hub.extensions import db
from volunteer_hub.pagination import paginate
from volunteer_hub.web import commit_service


@bp.get("/donors/")
@staff_required
def donors_list():
    form = SearchForm(request.args)
    page = paginate(search_donors(form.q.data))
    return render_template(
        "drives/donors_list.html", page=page, form=form, mask=services.mask_phone
    )


def _render_donor(donor: Donor, form, status=200):
    ids = services.donor_ids(donor)
    pledges = db.session.scalars(
        select(Pledge).where(Pledge.donor_id.in_(ids)).order_by(Pledge.id.desc())
    )
    merged_into = services.resolve_donor(donor) if donor.merged_into_id else None
    return render_template(
        "drives/donor_detail.html",
        donor=donor,
        form=form,
        pledges=list(pledges),
        intakes=donor_intakes(donor, include_reversed=True),
        merged_into=merged_into,
    ), status


@bp.get("/donors/<int:donor_id>")
@staff_required
def donor_detail(donor_id):
    donor = db.get_or_404(Donor, donor_id)
    return _render_donor(donor, DonorForm(obj=donor))


@bp.post("/donors/<int:donor_id>")
@coordinator_required
def edit_donor(donor_id):
    donor = db.get_or_404(Donor, donor_id)
    form = DonorForm()
    values = {k: form[k].data for k in services.DONOR_FIELDS}
    if form.validate_on_submit() and commit_service(
        lambda: services.update_donor(donor, **values), form=form
    ):
        flash(_("The donor has been saved."), "success")
        return redirect(url_for("drives.donor_detail", donor_id=donor.id))
    return _render_donor(donor, form, 400)


@bp.route("/donors/merge", methods=["GET", "POST"])
@coordinator_required
def merge_donors():
    form = MergeForm(request.args) if request.method == "GET" else MergeForm()
    if (
        request.method == "POST"
        and form.validate_on_submit()
        and (
            done := commit_service(
                lambda: services.merge_donor_ids(
                    form.keep_id.data, form.duplicate_id.data, form.reason.data or ""
                ),
                form=form,
            )
        )
    ):
        flash(_("The two donor records have been merged."), "success")
        return redirect(url_for("drives.donor_detail", donor_id=done.value.id))
    keep_id, duplicate_id = form.keep_id.data, form.duplicate_id.data
    return render_template(
        "drives/merge_donors.html",
        form=form,
        keep=db.session.get(Donor, keep_id) if keep_id else None,
        duplicate=db.session.get(Donor, duplicate_id) if duplicate_id else None,
        mask=services.mask_phone,
    )
