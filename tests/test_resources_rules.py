"""The rules of the resources feature, through its services."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from volunteer_hub import clock
from volunteer_hub.audit.models import AuditEvent
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.reports.periods import Period
from volunteer_hub.resources.funding.models import Contribution, FundingShare
from volunteer_hub.resources.funding.services import (
    record_contribution,
    reverse_contribution,
)
from volunteer_hub.resources.opportunities.services import (
    add_document,
    check_documents,
    create_opportunity,
    expiring_documents,
    move_opportunity,
)
from volunteer_hub.resources.partners.models import Partner, PartnerLink
from volunteer_hub.resources.plans.services import add_share, funding_plan
from volunteer_hub.resources.report.figures import resource_map

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def _valued_intake(drive, value="300"):
    from volunteer_hub.drives.intake import record_intake

    line = {
        "item": drive.items[0],
        "quantity_received": Decimal(10),
        "quantity_accepted": Decimal(10),
        "valuation_basis": "market",
        "valuation_amount": Decimal(value),
    }
    intake = record_intake(drive, [line], counted_by_1="李华")
    db.session.commit()
    return intake


def test_goods_counted_at_intake_are_not_counted_twice(flood_drive, make_partner):
    intake = _valued_intake(flood_drive)
    period = Period(None, None)
    before = resource_map(period).kind("goods").value
    assert before == Decimal("300.00")
    truck = make_partner(name="物流协会", partner_type="association")
    contribution = record_contribution(
        None,
        partner=truck,
        kind="goods",
        intake_id=intake.id,
        given_on=date(2026, 7, 1),
    )
    db.session.commit()
    assert contribution.value_amount == before
    figures = resource_map(period)
    assert figures.kind("goods").value == before
    assert figures.by_type["association"] == before
    assert "public" not in figures.by_type or figures.by_type["public"] == 0
    with pytest.raises(DomainError) as error:
        record_contribution(
            None,
            partner=truck,
            kind="goods",
            intake_id=intake.id,
            given_on=date(2026, 7, 1),
        )
    assert error.value.field == "intake_id"


def test_shares_exceeding_a_line_are_refused(
    make_project, make_partner, make_contribution, make_line
):
    project = make_project()
    money = make_contribution(
        make_partner(), project_id=project.id, value_amount=Decimal("5000")
    )
    line = make_line(project, amount="1000")
    add_share(None, line, contribution=money, amount=Decimal("800"))
    with pytest.raises(DomainError) as error:
        add_share(None, line, contribution=money, amount=Decimal("201"))
    assert error.value.field == "amount"
    add_share(None, line, contribution=money, amount=Decimal("200"))
    db.session.commit()
    total = db.session.scalar(select(func.sum(FundingShare.amount)))
    assert total == Decimal("1000")


def test_a_contribution_is_never_shared_beyond_its_amount(
    make_project, make_partner, make_contribution, make_line
):
    project = make_project()
    money = make_contribution(
        make_partner(), project_id=project.id, value_amount=Decimal("500")
    )
    line = make_line(project, amount="1000")
    with pytest.raises(DomainError):
        add_share(None, line, contribution=money, amount=Decimal("600"))


def test_restricted_money_never_covers_a_line_outside_its_purpose(
    make_project, make_partner, make_contribution, make_line
):
    project = make_project()
    gift = make_contribution(
        make_partner(),
        project_id=project.id,
        value_amount=Decimal("6000000"),
        restricted=True,
        purpose="活动",
        restricted_category="direct",
    )
    staff = make_line(project, category="personnel", amount="4000000")
    activities = make_line(project, category="direct", amount="6000000")
    with pytest.raises(DomainError) as error:
        add_share(None, staff, contribution=gift, amount=Decimal("1"))
    assert error.value.field == "contribution_id"
    add_share(None, activities, contribution=gift, amount=Decimal("6000000"))
    db.session.commit()
    plan = funding_plan(project)
    assert plan.warns and plan.staff_gap == Decimal("4200000.00")


def test_money_from_another_project_cannot_cover_a_line(
    make_project, make_partner, make_contribution, make_line
):
    mine, other = make_project(), make_project(name_zh="别的项目")
    money = make_contribution(make_partner(), project_id=other.id)
    with pytest.raises(DomainError):
        add_share(None, make_line(mine), contribution=money, amount=Decimal("10"))


def test_reversal_negates_and_is_audited(make_partner, make_contribution):
    entry = make_contribution(make_partner())
    reverse_contribution(None, entry, "录错金额")
    db.session.commit()
    assert db.session.scalar(select(func.sum(Contribution.value_amount))) == 0
    with pytest.raises(DomainError):
        reverse_contribution(None, entry, "again")
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"contribution.record", "contribution.reverse"} <= actions
    assert resource_map(YEAR).kinds == {}


def test_own_money_must_be_money():
    with pytest.raises(DomainError):
        record_contribution(None, partner=None, kind="venue", given_on=date(2026, 1, 1))


def test_expiring_documents_are_warned_60_days_ahead(app):
    today = date(2026, 6, 1)
    add_document(
        None, kind="audit", title="审计", expires_on=today + timedelta(days=61)
    )
    add_document(
        None, kind="assessment", title="3A", expires_on=today + timedelta(days=60)
    )
    add_document(None, kind="registration", title="登记证书")
    db.session.commit()
    assert [d.kind for d in expiring_documents(today)] == ["assessment"]
    add_document(
        None, kind="assessment", title="4A", expires_on=today + timedelta(days=900)
    )
    db.session.commit()
    assert expiring_documents(today) == []


def test_opportunity_lists_missing_and_expiring_documents(make_partner):
    today = date(2026, 6, 1)
    add_document(None, kind="assessment", title="3A", expires_on=date(2026, 7, 1))
    add_document(None, kind="registration", title="登记证书")
    tender = create_opportunity(
        None,
        buyer=make_partner(partner_type="government"),
        kind="tender",
        title="长者关爱",
        deadline=date(2026, 7, 15),
        required_documents=["registration", "assessment", "audit"],
    )
    checks = {c.kind: c.problem for c in check_documents(tender, today)}
    assert checks == {"registration": "", "assessment": "expires", "audit": "missing"}


def test_home_page_warns_of_an_expiring_document(coordinator_client, monkeypatch):
    from datetime import UTC, datetime

    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 6, 1, 4, tzinfo=UTC))
    add_document(None, kind="tax", title="完税证明<b>", expires_on=date(2026, 7, 20))
    db.session.commit()
    html = coordinator_client.get("/").get_data(as_text=True)
    assert 'id="expiring-documents"' in html and "完税证明&lt;b&gt;" in html


def test_a_won_opportunity_becomes_a_project_with_its_plan(app, make_partner):
    from volunteer_hub.projects.models import Project

    bureau = make_partner(name="民政局", partner_type="government")
    tender = create_opportunity(
        None, buyer=bureau, kind="tender", title="社工站", amount=Decimal("100000")
    )
    for status in ("preparing", "submitted"):
        move_opportunity(None, tender, status)
    with pytest.raises(DomainError):
        move_opportunity(None, tender, "watching")
    project = move_opportunity(None, tender, "won")
    db.session.commit()
    assert db.session.get(Project, project.id).partner == "民政局"
    plan = funding_plan(project)
    assert plan.budget == plan.committed == Decimal("100000")
    assert plan.staff_committed == Decimal("70000.00") and not plan.warns


def test_drive_and_project_partner_text_becomes_a_link(
    make_drive, make_project, make_partner
):
    existing = make_partner(name="深圳市 阳光基金会")
    drive = make_drive(partner_name="深圳市阳光基金会")
    project = make_project(partner="全新合作方")
    links = {
        (link.drive_id, link.project_id): link.partner_id
        for link in db.session.scalars(select(PartnerLink))
    }
    assert links[(drive.id, None)] == existing.id
    created = db.session.scalar(select(Partner).where(Partner.name == "全新合作方"))
    assert links[(None, project.id)] == created.id
