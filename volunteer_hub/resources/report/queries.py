"""The resource map's aggregates, in SQL: a handful of grouped queries.

Contributions count when they are effective (neither a reversal nor reversed)
and dated in the period. Goods that came through a drive's intake are counted
from the intake (accepted lines at their recorded value, reversed intakes left
out); a contribution naming the intake only attributes those goods to its
partner, so nothing is counted twice. Goods from intakes no contribution names
came from the public. Volunteer hours are approved hours, valued at the rate of
the highest specialty level the volunteer holds.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, literal, select, union
from sqlalchemy.orm import aliased

from volunteer_hub.drives.models import Drive
from volunteer_hub.drives.models_stock import Intake, IntakeLine
from volunteer_hub.extensions import db
from volunteer_hub.resources.funding.models import Contribution, HourValue
from volunteer_hub.resources.partners.models import Partner, PartnerLogEntry
from volunteer_hub.volunteers.models import VolunteerSpecialty
from volunteer_hub.volunteers.models_hours import ServiceRecord, ServiceReview

OWN = "own"
PUBLIC = "public"


def effective_contribution(contribution=Contribution):
    reversal = aliased(Contribution)
    return and_(
        contribution.reverses_id.is_(None),
        ~select(reversal.id).where(reversal.reverses_id == contribution.id).exists(),
    )


def _effective_intake():
    reversal = aliased(Intake)
    return and_(
        Intake.reverses_id.is_(None),
        ~select(reversal.id).where(reversal.reverses_id == Intake.id).exists(),
    )


def contribution_rows(period) -> list:
    """(kind, partner type or "own", restricted, entries, value, quantity)."""
    source = func.coalesce(Partner.partner_type, literal(OWN))
    statement = (
        select(
            Contribution.kind,
            source,
            Contribution.restricted,
            func.count(Contribution.id),
            func.sum(Contribution.value_amount),
            func.sum(Contribution.quantity),
        )
        .outerjoin(Partner, Partner.id == Contribution.partner_id)
        .where(
            effective_contribution(),
            Contribution.intake_id.is_(None),
            *period.date_filter(Contribution.given_on),
        )
        .group_by(Contribution.kind, source, Contribution.restricted)
    )
    return db.session.execute(statement).all()


def intake_goods_rows(period) -> list:
    """(partner type or "public", restricted, deliveries, value, unvalued lines)
    of goods accepted through drives' intake."""

    linked = aliased(Contribution)
    source = func.coalesce(Partner.partner_type, literal(PUBLIC))
    statement = (
        select(
            source,
            Drive.restricted,
            func.count(func.distinct(Intake.id)),
            func.sum(IntakeLine.valuation_amount),
            func.sum(case((IntakeLine.valuation_amount.is_(None), 1), else_=0)),
        )
        .select_from(IntakeLine)
        .join(Intake, Intake.id == IntakeLine.intake_id)
        .join(Drive, Drive.id == Intake.drive_id)
        .outerjoin(
            linked, and_(linked.intake_id == Intake.id, effective_contribution(linked))
        )
        .outerjoin(Partner, Partner.id == linked.partner_id)
        .where(
            _effective_intake(),
            IntakeLine.quantity_accepted > 0,
            *period.timestamp_filter(Intake.received_at),
        )
        .group_by(source, Drive.restricted)
    )
    return db.session.execute(statement).all()


LEVEL_RANK = {"interested": 1, "experienced": 2, "certified": 3}


def hours_by_level(period) -> list:
    """(level, approved hours, volunteers) by each volunteer's highest level."""
    rank = func.max(
        case(
            *[(VolunteerSpecialty.level == k, v) for k, v in LEVEL_RANK.items()],
            else_=0,
        )
    )
    levels = (
        select(VolunteerSpecialty.volunteer_id.label("vid"), rank.label("rank"))
        .group_by(VolunteerSpecialty.volunteer_id)
        .subquery()
    )
    level = case(
        *[(levels.c.rank == v, literal(k)) for k, v in LEVEL_RANK.items()],
        else_=literal("none"),
    )
    statement = (
        select(
            level,
            func.sum(ServiceRecord.hours),
            func.count(func.distinct(ServiceRecord.volunteer_id)),
        )
        .select_from(ServiceRecord)
        .join(ServiceReview, ServiceReview.record_id == ServiceRecord.id)
        .outerjoin(levels, levels.c.vid == ServiceRecord.volunteer_id)
        .where(
            ServiceReview.decision == "approved",
            *period.date_filter(ServiceRecord.served_on),
        )
        .group_by(level)
    )
    return db.session.execute(statement).all()


def hour_rates() -> dict:
    return dict(db.session.execute(select(HourValue.level, HourValue.amount)).all())


def active_partners(period) -> int:
    """Partners that gave something or met the organisation in the period."""
    given = select(Contribution.partner_id.label("pid")).where(
        Contribution.partner_id.is_not(None),
        effective_contribution(),
        Contribution.intake_id.is_(None),
        *period.date_filter(Contribution.given_on),
    )
    through_intake = (
        select(Contribution.partner_id.label("pid"))
        .join(Intake, Intake.id == Contribution.intake_id)
        .where(
            Contribution.partner_id.is_not(None),
            effective_contribution(),
            _effective_intake(),
            *period.timestamp_filter(Intake.received_at),
        )
    )
    met = select(PartnerLogEntry.partner_id.label("pid")).where(
        *period.date_filter(PartnerLogEntry.happened_on)
    )
    partners = union(given, through_intake, met).subquery()
    return int(db.session.scalar(select(func.count()).select_from(partners)) or 0)
