"""Demo data: a seven-day flood-relief drive with pledges, intake and distributions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from volunteer_hub import clock
from volunteer_hub.drives import services
from volunteer_hub.drives.distributions import services as distributions
from volunteer_hub.drives.donors import services as donors
from volunteer_hub.drives.intake import services as intake
from volunteer_hub.drives.pledges import services as pledges

GOALS = (
    ("瓶装饮用水（550ml×24）", "Bottled water (24 × 550 ml)", "箱", 500, 30, 1, 180),
    ("棉被", "Quilt", "床", 200, 120, 1, None),
    ("方便面", "Instant noodles", "箱", 100, 45, 2, 90),
)
DONORS = (
    ("张伟", "person", "13800138001", True),
    ("李娜", "person", "13800138002", False),
    ("深圳市惠民超市有限公司", "organisation", "075526001234", True),
    ("顺达物流", "organisation", "13900139003", True),
    ("王秀英", "person", "", False),
)


def _line(item, received, accepted=None, **extra):
    return {
        "item": item,
        "quantity_received": Decimal(received),
        "quantity_accepted": Decimal(accepted if accepted is not None else received),
        "valuation_basis": extra.pop("basis", "market"),
        **extra,
    }


def load(context: dict) -> None:
    today = clock.now()
    drive = _drive(today)
    people = [
        donors.find_or_create_donor(name=n, kind=k, phone=p or None, show_publicly=s)
        for n, k, p, s in DONORS
    ]
    _story(drive, people, today)
    winter = _winter_drive(people, today)
    context["drives"] = [drive, winter]
    context["donors"] = people


def _winter_drive(people, today):
    """A second drive whose accepted intakes have no receipts yet: try a batch."""
    drive = services.create_drive(
        title_zh="冬季送温暖：为独居老人募集棉衣",
        title_en="Winter warmth: coats for older people living alone",
        slug="winter-warmth",
        purpose="为社区独居老人募集棉衣和电热毯，过一个暖冬。",
        beneficiary="阳光社区的独居老人",
        public=True,
        starts_on=(today - timedelta(days=10)).date(),
        ends_on=(today + timedelta(days=20)).date(),
    )
    coats = services.add_item(
        drive,
        name_zh="棉衣",
        name_en="Padded coat",
        unit="件",
        target_quantity=Decimal(120),
        reference_unit_value=Decimal(150),
        priority=1,
    )
    point = services.add_point(
        drive, name="阳光社区服务中心", address="南山区阳光路 88 号"
    )
    services.set_drive_status(drive, "open")
    counters = {"counted_by_1": "李华", "counted_by_2": "陈静", "point": point}
    for donor, quantity in zip(people, (12, 5, 30, 8, 3), strict=True):
        intake.record_intake(drive, [_line(coats, quantity)], donor=donor, **counters)
    return drive


def _drive(today):
    """The drive, its goals (one changed once) and two drop-off points, opened."""
    drive = services.create_drive(
        title_zh="2026 年 7 月洪灾救援物资募集",
        title_en="Flood relief, July 2026",
        slug="flood-relief-2026",
        purpose="连日暴雨导致北江沿岸多个乡镇受灾。我们与合作机构一起募集饮用水、"
        "棉被和方便面，七天内送到安置点。",
        beneficiary="清远市英德市受灾乡镇的安置群众",
        public=True,
        starts_on=(today - timedelta(days=4)).date(),
        ends_on=(today + timedelta(days=3)).date(),
        restricted=True,
        restricted_purpose="本次洪灾受灾群众的生活救助",
        partner_name="深圳市阳光慈善基金会",
        partner_filing_ref="粤民慈备〔2026〕017 号",
    )
    for zh, en, unit, target, value, prio, days in GOALS:
        services.add_item(
            drive,
            name_zh=zh,
            name_en=en,
            unit=unit,
            target_quantity=Decimal(target),
            reference_unit_value=Decimal(value),
            priority=prio,
            min_shelf_life_days=days,
        )
    services.change_item(drive.items[0], "安置点人数增加", target_quantity=Decimal(600))
    services.add_point(
        drive,
        name="阳光社区服务中心",
        address="南山区阳光路 88 号",
        hours="每天 9:00–20:00",
    )
    services.add_point(
        drive,
        name="顺达物流南山仓",
        address="南山区科技园北区 6 栋",
        hours="每天 8:00–18:00",
    )
    services.set_drive_status(drive, "open")
    return drive


def _story(drive, people, today):
    """Pledges, partial and rejected intake, a correction and distributions."""
    water, quilts, noodles = drive.items[:3]
    centre = drive.points[0]
    zhang, li, market, logistics, wang = people
    expiry = (today + timedelta(days=300)).date()
    pledge = pledges.create_pledge(
        drive,
        market,
        [(water.id, 200), (noodles.id, 40)],
        expected_on=(today + timedelta(days=1)).date(),
        note="分两批送到",
    )
    pledges.create_pledge(drive, li, [(quilts.id, 10)], source="public")
    counters = {"counted_by_1": "李华", "counted_by_2": "陈静", "point": centre}
    intake.record_intake(
        drive,
        [
            _line(
                water,
                120,
                110,
                rejection_reason="10 箱外包装破损",
                condition="good",
                expiry_date=expiry,
            ),
            _line(
                noodles,
                40,
                expiry_date=expiry,
                basis="invoice",
                valuation_amount="1720.00",
            ),
        ],
        donor=market,
        pledge=pledge,
        received_at=today - timedelta(days=3),
        **counters,
    )
    intake.record_intake(
        drive,
        [_line(water, 60, expiry_date=expiry)],
        donor=market,
        pledge=pledge,
        received_at=today - timedelta(days=2),
        **counters,
    )
    intake.record_intake(
        drive,
        [_line(quilts, 150, basis="declared", valuation_amount="16500.00")],
        donor=logistics,
        received_at=today - timedelta(days=2),
        **counters,
    )
    wrong = intake.record_intake(
        drive,
        [_line(quilts, 30)],
        donor=zhang,
        received_at=today - timedelta(days=1),
        **counters,
    )
    intake.reverse_intake(wrong, "误录：实为 3 床")
    intake.record_intake(
        drive,
        [_line(quilts, 3)],
        donor=zhang,
        received_at=today - timedelta(days=1),
        **counters,
    )
    other = services.find_other_item(drive, "雨衣", "件")
    walk_in = intake.record_intake(
        drive,
        [_line(water, 20, expiry_date=expiry), _line(other, 50, basis="not_valued")],
        donor=wang,
        received_at=today - timedelta(hours=5),
        **counters,
    )
    distributions.record_distribution(
        drive,
        [(water, Decimal(150)), (quilts, Decimal(120)), (noodles, Decimal(30))],
        point=centre,
        recipient="英德市大站镇临时安置点",
        destination="英德市大站镇",
        handed_over_by="李华",
        received_by="大站镇民政办 黄主任",
    )
    distributions.pass_through(
        walk_in,
        recipient="英德市浛洸镇安置点",
        destination="英德市浛洸镇",
        handed_over_by="陈静",
        received_by="浛洸镇 刘干事",
    )
