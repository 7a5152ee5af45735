"""Who may open which resources page, and hostile input on every form."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from volunteer_hub.extensions import db
from volunteer_hub.resources.funding.models import BudgetLine, Contribution
from volunteer_hub.resources.opportunities.models import QualificationDocument
from volunteer_hub.resources.partners.models import Partner, PartnerContact

RANK = {None: 0, "viewer": 1, "coordinator": 2, "admin": 3}
ROUTES = [
    ("GET", "/partners/", "viewer"),
    ("GET", "/partners/new", "coordinator"),
    ("POST", "/partners/new", "coordinator"),
    ("GET", "/partners/{p}", "viewer"),
    ("GET", "/partners/{p}/edit", "coordinator"),
    ("POST", "/partners/{p}/contacts", "coordinator"),
    ("POST", "/partners/{p}/log", "coordinator"),
    ("GET", "/funding/", "viewer"),
    ("GET", "/funding/contributions/new", "coordinator"),
    ("POST", "/funding/contributions/new", "coordinator"),
    ("GET", "/funding/contributions/{c}", "viewer"),
    ("POST", "/funding/contributions/{c}/reverse", "coordinator"),
    ("GET", "/funding/projects/{j}", "viewer"),
    ("POST", "/funding/projects/{j}/lines", "coordinator"),
    ("POST", "/funding/projects/{j}/shares", "coordinator"),
    ("GET", "/funding/settings", "admin"),
    ("POST", "/funding/settings", "admin"),
    ("GET", "/funding/opportunities", "viewer"),
    ("GET", "/funding/opportunities/new", "coordinator"),
    ("POST", "/funding/opportunities/new", "coordinator"),
    ("GET", "/funding/opportunities/{o}", "viewer"),
    ("POST", "/funding/opportunities/{o}/status", "coordinator"),
    ("GET", "/funding/documents", "viewer"),
    ("POST", "/funding/documents", "coordinator"),
    ("GET", "/reports/resources", "viewer"),
    ("GET", "/reports/resources.csv", "viewer"),
]


@pytest.fixture
def records(make_partner, make_contribution, make_project):
    from volunteer_hub.resources.opportunities.services import create_opportunity

    partner = make_partner()
    project = make_project()
    contribution = make_contribution(partner, project_id=project.id)
    opportunity = create_opportunity(None, buyer=partner, kind="tender", title="T")
    db.session.commit()
    return {"p": partner.id, "c": contribution.id, "j": project.id, "o": opportunity.id}


@pytest.mark.parametrize("role", [None, "viewer", "coordinator", "admin"])
@pytest.mark.parametrize("method,path,needed", ROUTES)
def test_role_checks(client, client_as, records, role, method, path, needed):
    http = client_as(role) if role else client
    response = http.open(path.format(**records), method=method, data={})
    if role is None:
        assert response.status_code == 302 and "/login" in response.location
    elif RANK[role] < RANK[needed]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302, 400)


HUGE = "长" * 6000
SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    "data",
    [{}, {"name": HUGE}, {"name": "a\x00b"}, {"name": "n", "partner_type": "evil"}],
)
def test_partner_form_refuses_bad_input(coordinator_client, data):
    response = coordinator_client.post("/partners/new", data=data)
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Partner.id))) == 0


def test_script_tags_are_escaped(coordinator_client, viewer_client):
    response = coordinator_client.post(
        "/partners/new", data={"name": SCRIPT, "partner_type": "media", "notes": SCRIPT}
    )
    assert response.status_code == 302
    partner = db.session.scalar(select(Partner))
    html = viewer_client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_duplicate_name_is_refused_on_the_field(coordinator_client, make_partner):
    make_partner(name="民政局")
    response = coordinator_client.post(
        "/partners/new", data={"name": " 民政 局 ", "partner_type": "government"}
    )
    assert response.status_code == 400
    assert "已有同名" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "cash_grant", "given_on": "2026-01-01", "value_basis": "contract"},
        {
            "kind": "cash_grant",
            "given_on": "2026-01-01",
            "value_basis": "contract",
            "value_amount": "1e12",
        },
        {"kind": "goods", "given_on": "2026-01-01", "partner_id": "99999"},
        {"kind": "goods", "given_on": "2026-01-01", "intake_id": "424242"},
        {"kind": "evil", "given_on": "2026-01-01"},
        {"kind": "goods", "given_on": "2026-01-01", "description": HUGE},
        {"kind": "goods", "given_on": "2026-01-01", "project_id": "abc"},
    ],
)
def test_contribution_form_refuses_bad_input(coordinator_client, make_partner, data):
    partner = make_partner()
    data = {"partner_id": str(partner.id), **data}
    response = coordinator_client.post("/funding/contributions/new", data=data)
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Contribution.id))) == 0


def test_contribution_form_records(coordinator_client, make_partner):
    partner = make_partner()
    response = coordinator_client.post(
        "/funding/contributions/new",
        data={
            "partner_id": partner.id,
            "kind": "transport",
            "quantity": "7",
            "unit": "天",
            "value_amount": "14000",
            "value_basis": "market",
            "given_on": "2026-07-01",
        },
    )
    assert response.status_code == 302
    row = db.session.scalar(select(Contribution))
    assert (row.kind, row.value_amount, row.recorded_by_id) == (
        "transport",
        Decimal("14000.00"),
        coordinator_client.user.id,
    )


def test_share_form_refuses_a_line_of_another_project(
    coordinator_client, make_project, make_partner, make_contribution, make_line
):
    mine, other = make_project(), make_project(name_zh="另一个")
    money = make_contribution(make_partner(), project_id=mine.id)
    foreign = make_line(other)
    response = coordinator_client.post(
        f"/funding/projects/{mine.id}/shares",
        data={"line_id": foreign.id, "contribution_id": money.id, "amount": "10"},
    )
    assert response.status_code == 400
    response = coordinator_client.post(
        f"/funding/projects/{mine.id}/lines",
        data={"category": "direct", "amount": "-5"},
    )
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(BudgetLine.id))) == 1


def test_unknown_ids_are_404(coordinator_client):
    for path in (
        "/partners/999",
        "/funding/contributions/999",
        "/funding/projects/999",
        "/funding/opportunities/999",
    ):
        assert coordinator_client.get(path).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "tax", "issued_on": "2026-05-01", "expires_on": "2026-01-01"},
        {"kind": "tax", "title": HUGE},
    ],
)
def test_document_form_refuses_bad_input(coordinator_client, data):
    assert coordinator_client.post("/funding/documents", data=data).status_code == 400
    assert db.session.scalar(select(func.count(QualificationDocument.id))) == 0


def test_settings_refuse_bad_share(admin_client):
    response = admin_client.post(
        "/funding/settings",
        data={
            "personnel_share": "180",
            "hour_none": "1",
            "hour_interested": "1",
            "hour_experienced": "1",
            "hour_certified": "1",
        },
    )
    assert response.status_code == 400


def test_opportunity_status_refuses_unknown_steps(coordinator_client, records):
    response = coordinator_client.post(
        f"/funding/opportunities/{records['o']}/status", data={"status": "won"}
    )
    assert response.status_code == 302
    from volunteer_hub.resources.opportunities.models import Opportunity

    assert db.session.get(Opportunity, records["o"]).status == "watching"


@pytest.mark.csrf
def test_forms_need_the_csrf_token(coordinator_client, records):
    for path in (
        "/partners/new",
        f"/partners/{records['p']}/contacts",
        "/funding/contributions/new",
        "/funding/documents",
    ):
        response = coordinator_client.post(path, data={"name": "x", "kind": "tax"})
        assert response.status_code == 400
    assert db.session.scalar(select(func.count(PartnerContact.id))) == 0


def test_contact_and_log_are_recorded(coordinator_client, make_partner):
    partner = make_partner()
    base = f"/partners/{partner.id}"
    assert (
        coordinator_client.post(
            base + "/contacts", data={"name": "张主任", "email": "bad"}
        ).status_code
        == 400
    )
    assert (
        coordinator_client.post(
            base + "/contacts", data={"name": "张主任", "phone": "13800000000"}
        ).status_code
        == 302
    )
    assert (
        coordinator_client.post(
            base + "/log",
            data={"kind": "meeting", "happened_on": "2026-05-01", "summary": "洽谈"},
        ).status_code
        == 302
    )
    html = coordinator_client.get(base).get_data(as_text=True)
    assert "张主任" in html and "洽谈" in html and date(2026, 5, 1).year == 2026


def test_partner_search_with_a_nul_character_is_no_error(viewer_client):
    """PostgreSQL refuses NUL even in a comparison: the search drops it."""
    page = viewer_client.get("/partners/?q=%00%E6%B0%91%E6%94%BF")
    assert page.status_code == 200
    # The search went on with what remains of the text.
    assert 'value="民政"' in page.get_data(as_text=True)
