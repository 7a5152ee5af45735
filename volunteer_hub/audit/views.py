from flask import render_template
from flask_babel import get_locale

from volunteer_hub.audit import queries
from volunteer_hub.audit.blueprint import bp
from volunteer_hub.audit.display import event_view
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
    page = paginate(statement)
    names = {user.id: user.name for user in staff}
    english = str(get_locale() or "").startswith("en")
    record_names = queries.record_names(page.items, english=english)
    events = [event_view(event, names, record_names) for event in page.items]
    return render_template("audit/index.html", form=form, page=page, events=events)
