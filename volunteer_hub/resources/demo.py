"""Demo data telling the stories of issue 16: the flood drive with the logistics
association's truck, the community station 乐邻小家 co-funded by the
civil-affairs bureau, a foundation and the women's federation, and a tender
being prepared while the assessment certificate is about to expire."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.extensions import db
from volunteer_hub.projects.shifts.services import create_project
from volunteer_hub.resources.funding.services import record_contribution
from volunteer_hub.resources.opportunities.services import (
    add_document,
    create_opportunity,
    move_opportunity,
)
from volunteer_hub.resources.partners.services import (
    find_or_create_partner,
    log_contact,
    update_partner,
)
from volunteer_hub.resources.plans.services import (
    add_budget_line,
    add_share,
    save_settings,
)

PARTNERS = (
    ("logistics", "深圳市物流行业协会", "association", ["society", "people"]),
    ("bureau", "南山区民政局", "government", ["funds", "government"]),
    ("foundation", "深圳市阳光慈善基金会", "foundation", ["funds", "society"]),
    ("federation", "南山区妇女联合会", "association", ["funds", "people"]),
    ("street", "桃源街道办事处", "government", ["government"]),
    ("paper", "深圳特区报", "media", ["media"]),
    ("deputy", "陈建国（区人大代表）", "individual", ["standing"]),
)


def _partners(by) -> dict:
    """The partners; one may exist already, linked from a drive's partner text."""
    found = {}
    for key, name, kind, kinds in PARTNERS:
        partner = find_or_create_partner(by, name)
        update_partner(by, partner, partner_type=kind, resource_kinds=kinds)
        found[key] = partner
    return found


def _flood(by, partners, drive, today) -> None:
    record_contribution(
        by,
        partner=partners["logistics"],
        kind="transport",
        drive_id=drive.id,
        description="4.2 米厢式货车及司机，连续 7 天运送救灾物资",
        quantity=Decimal(7),
        unit="天",
        value_amount=Decimal("14000"),
        value_basis="market",
        given_on=today - timedelta(days=20),
    )
    intake = db.session.scalar(
        select(Intake)
        .where(Intake.drive_id == drive.id, Intake.reverses_id.is_(None))
        .order_by(Intake.id)
    )
    if intake is not None:
        record_contribution(
            by,
            partner=partners["logistics"],
            kind="goods",
            intake_id=intake.id,
            description="会员企业捐赠的救灾物资（已在入库时清点）",
            given_on=today - timedelta(days=19),
        )
    log_contact(
        by,
        partners["logistics"],
        kind="agreement",
        happened_on=today - timedelta(days=21),
        summary="约定洪灾期间协会派车 7 天，油费由协会承担。",
    )


def _station(by, partners, today) -> None:

    project = create_project(
        created_by=by,
        name_zh="乐邻小家社区服务站",
        name_en="Lelin Home community station",
        status="active",
        partner="南山区民政局",
        place="桃源街道",
    )
    day = today - timedelta(days=60)
    money = {
        key: record_contribution(
            by,
            partner=partners[key],
            project_id=project.id,
            kind=kind,
            value_amount=Decimal(amount),
            value_basis=basis,
            restricted=True,
            purpose="乐邻小家",
            restricted_category=category,
            given_on=day,
        )
        for key, kind, amount, basis, category in (
            ("bureau", "contract_payment", "300000", "contract", None),
            ("foundation", "cash_grant", "150000", "contract", "direct"),
            ("federation", "cash_grant", "50000", "contract", "management"),
        )
    }
    lines = {
        category: add_budget_line(
            by, project, category=category, title=title, amount=Decimal(amount)
        )
        for category, title, amount in (
            ("direct", "活动与物料", "200000"),
            ("personnel", "两名社工薪酬", "250000"),
            ("management", "机构管理费", "50000"),
        )
    }
    for line, key, amount in (
        ("personnel", "bureau", "250000"),
        ("direct", "bureau", "50000"),
        ("direct", "foundation", "150000"),
        ("management", "federation", "50000"),
    ):
        add_share(by, lines[line], contribution=money[key], amount=Decimal(amount))
    record_contribution(
        by,
        partner=partners["street"],
        project_id=project.id,
        kind="venue",
        description="社区党群服务中心活动室",
        quantity=Decimal(30),
        unit="天",
        value_amount=Decimal("9000"),
        value_basis="market",
        given_on=day,
        until=day + timedelta(days=29),
    )
    record_contribution(
        by,
        partner=partners["paper"],
        project_id=project.id,
        kind="media",
        description="专题报道《家门口的乐邻小家》",
        value_basis="not_valued",
        given_on=today - timedelta(days=10),
    )


def _tender(by, partners, today) -> None:
    for kind, title, expires in (
        ("registration", "社会团体法人登记证书", None),
        ("assessment", "社会组织评估等级 3A", today + timedelta(days=40)),
        ("audit", "2025 年度审计报告", today + timedelta(days=300)),
        ("tax", "税务登记与完税证明", today + timedelta(days=200)),
    ):
        add_document(
            by,
            kind=kind,
            title=title,
            expires_on=expires,
            issued_on=today - timedelta(days=700),
        )
    tender = create_opportunity(
        by,
        buyer=partners["bureau"],
        kind="tender",
        title="2027 年南山区长者关爱服务项目",
        amount=Decimal("480000"),
        deadline=today + timedelta(days=50),
        required_documents=["registration", "assessment", "audit", "tax"],
    )
    move_opportunity(by, tender, "preparing")


def load(context: dict) -> None:
    by = context["staff"]["coordinator"]
    today = clock.now().date()
    save_settings(
        context["staff"]["admin"],
        personnel_share=Decimal("75"),
        hour_values={"none": 20, "interested": 25, "experienced": 35, "certified": 50},
    )
    partners = _partners(by)
    record_contribution(
        by,
        partner=None,
        kind="cash_grant",
        value_amount=Decimal("20000"),
        value_basis="invoice",
        given_on=today - timedelta(days=90),
        description="机构自有非限定资金（会费与服务收入）",
    )
    if context.get("drives"):
        _flood(by, partners, context["drives"][0], today)
    _station(by, partners, today)
    _tender(by, partners, today)
    context["partners"] = partners
