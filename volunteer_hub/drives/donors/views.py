"""Staff pages for donors: search, record, edits and merging duplicates."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from volunteer_hub.auth.access import coordinator_required, staff_required
from volunteer_hub.drives import donors
from volunteer_hub.drives.forms import DonorForm, MergeForm, SearchForm
from volunteer_hub.drives.models import Donor, Pledge
from volunteer_hub.drives.queries import donor_intakes
from volunteer_hub.drives.views import bp
from volunteer_hub.errors import DomainError, attach_error
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.pagination import paginate


def _search(q: str):
    statement = select(Donor).where(Donor.merged_into_id.is_(None))
    # NUL cannot go into a PostgreSQL string, not even one to compare with.
    q = (q or "").replace("\x00", "").strip()[:100]
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        digits = "".join(c for c in q if c.isdigit())
        conditions = [Donor.name.ilike(like), Donor.email.ilike(like)]
        if len(digits) >= 4:
            conditions.append(Donor.phone.like(f"%{digits}%"))
        statement = statement.where(or_(*conditions))
    return statement.order_by(Donor.name, Donor.id)


@bp.get("/donors/")
@staff_required
def donors_list():
    form = SearchForm(request.args)
    page = paginate(_search(form.q.data))
    return render_template(
        "drives/donors_list.html", page=page, form=form, mask=donors.mask_phone
    )


def _render_donor(donor: Donor, form, status=200):
    ids = donors.donor_ids(donor)
    pledges = db.session.scalars(
        select(Pledge).where(Pledge.donor_id.in_(ids)).order_by(Pledge.id.desc())
    )
    return render_template(
        "drives/donor_detail.html",
        donor=donor,
        form=form,
        pledges=list(pledges),
        intakes=donor_intakes(donor, include_reversed=True),
        merged_into=donors.resolve_donor(donor) if donor.merged_into_id else None,
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
    if form.validate_on_submit():
        org = current_organisation()
        try:
            donors.update_donor(
                donor,
                region=org.country if org else "CN",
                **{k: form[k].data for k in donors.DONOR_FIELDS},
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The donor has been saved."), "success")
            return redirect(url_for("drives.donor_detail", donor_id=donor.id))
    return _render_donor(donor, form, 400)


@bp.route("/donors/merge", methods=["GET", "POST"])
@coordinator_required
def merge_donors():
    form = MergeForm(request.args) if request.method == "GET" else MergeForm()
    keep = db.session.get(Donor, form.keep_id.data) if form.keep_id.data else None
    duplicate = (
        db.session.get(Donor, form.duplicate_id.data)
        if form.duplicate_id.data
        else None
    )
    if request.method == "POST" and form.validate_on_submit():
        try:
            if keep is None or duplicate is None:
                raise DomainError(
                    _("There is no donor with this number."),
                    "keep_id" if keep is None else "duplicate_id",
                )
            donors.merge_donors(keep, duplicate, form.reason.data or "")
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The two donor records have been merged."), "success")
            return redirect(url_for("drives.donor_detail", donor_id=keep.id))
    return render_template(
        "drives/merge_donors.html",
        form=form,
        keep=keep,
        duplicate=duplicate,
        mask=donors.mask_phone,
    )
