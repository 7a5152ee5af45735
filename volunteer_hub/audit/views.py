from flask import render_template

from volunteer_hub.audit import queries
from volunteer_hub.audit.blueprint import bp
from volunteer_hub.audit.forms import AuditFilterForm
from volunteer_hub.auth.access import admin_required
from volunteer_hub.auth.queries import staff_by_name
from volunteer_hub.pagination import paginate


@bp.get("/")
@admin_required
def index():
    staff = staff_by_name()
    form = AuditFilterForm(staff=staff)
    valid = form.validate()
    statement = queries.filtered_events(form) if valid else queries.no_events()
    names = {user.id: user.name for user in staff}
    return render_template(
        "audit/index.html", form=form, page=paginate(statement), names=names
    )
