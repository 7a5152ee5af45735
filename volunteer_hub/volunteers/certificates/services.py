"""Volunteer service certificates (志愿服务记录证明): issue, store, verify.

A certificate is rendered once, from the approved hours of a period, and kept
exactly as issued (bytes and SHA-256). Asking again for the same volunteer,
period and totals returns the stored certificate instead of a new number.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.audit.services import record
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.numbering import allocate_number
from volunteer_hub.organisation.services import current_organisation
from volunteer_hub.pdf import organisation_context, render_pdf
from volunteer_hub.qr import qr_svg
from volunteer_hub.urls import external_url
from volunteer_hub.volunteers import personal
from volunteer_hub.volunteers.admin.services import current_settings
from volunteer_hub.volunteers.certificates.models import ServiceCertificate
from volunteer_hub.volunteers.hours.services import (
    approved_hours,
    effective_records,
)
from volunteer_hub.volunteers.models import Volunteer

SERIES_CODE = "certificates"
DEFAULT_PATTERN = "ZS-{year}-{seq:05}"
MAX_PERIOD_DAYS = 366 * 20


def _check_period(start: date, end: date) -> None:
    if start is None or end is None:
        raise DomainError(_l("Enter a date."), "period_start")
    if end < start:
        raise DomainError(_l("The end must not be before the start."), "period_end")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise DomainError(_l("Choose a shorter period."), "period_start")


def _existing(volunteer, start, end, total, count):
    return db.session.scalar(
        select(ServiceCertificate).where(
            ServiceCertificate.volunteer_id == volunteer.id,
            ServiceCertificate.period_start == start,
            ServiceCertificate.period_end == end,
            ServiceCertificate.total_hours == total,
            ServiceCertificate.record_count == count,
        )
    )


def issue_certificate(
    volunteer: Volunteer,
    start: date,
    end: date,
    *,
    issued_by=None,
    issued_label: str = "",
):
    """The certificate of ``volunteer``'s approved hours in [start, end].

    Returns a stored certificate when one with the same period and totals
    exists. Raises DomainError for a bad period, a withdrawn volunteer or a
    period without approved hours.
    """
    _check_period(start, end)
    if volunteer.is_withdrawn:
        raise DomainError(_l("This volunteer has withdrawn."))
    records = effective_records(volunteer.id, start, end)
    total = approved_hours(volunteer.id, start, end)
    if not records or total <= 0:
        raise DomainError(
            _l("There are no approved hours in this period."), "period_start"
        )
    existing = _existing(volunteer, start, end, total, len(records))
    if existing is not None:
        return existing
    now = clock.now()
    _seq, number = allocate_number(SERIES_CODE, DEFAULT_PATTERN, at=now)
    code = secrets.token_urlsafe(12)
    pdf = render_certificate(volunteer, start, end, records, total, number, code, now)
    certificate = ServiceCertificate(
        number=number,
        volunteer_id=volunteer.id,
        holder_masked=personal.mask_name(volunteer.name),
        period_start=start,
        period_end=end,
        total_hours=total,
        record_count=len(records),
        locale=volunteer.preferred_locale,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        verification_code=code,
        issued_at=now,
        issued_by_id=getattr(issued_by, "id", None),
        issued_label=issued_label[:100],
    )
    db.session.add(certificate)
    db.session.flush()
    record(
        "certificate.issue",
        certificate,
        after={"number": number, "volunteer_id": volunteer.id, "hours": total},
    )
    return certificate


def _identity(volunteer: Volunteer) -> str:
    if not volunteer.id_number_protected:
        return ""
    if current_settings().certificate_full_id:
        return personal.unprotect(volunteer.id_number_protected) or ""
    return volunteer.id_number_masked or ""


def render_certificate(volunteer, start, end, records, total, number, code, now):
    """The PDF bytes of a certificate (bilingual: Chinese with English)."""
    org = current_organisation()
    verify_url = external_url("volunteers.verify_certificate", code=code)
    context = organisation_context(org) if org else {}
    return render_pdf(
        "volunteers/certificate_pdf.html",
        title="志愿服务记录证明 Volunteer Service Certificate",
        lang="zh-Hans",
        created=now,
        volunteer=volunteer,
        id_text=_identity(volunteer),
        records=records,
        total=total,
        number=number,
        code=code,
        verify_url=verify_url,
        qr=qr_svg(verify_url, aria_label="验证 Verify"),
        start=start,
        end=end,
        issued_on=now.date(),
        org=org,
        period=f"{start.isoformat()} – {end.isoformat()}",
        generated_at=format_date(now.date(), "yyyy-MM-dd"),
        **context,
    )


def find_certificate(code: str | None) -> ServiceCertificate | None:
    if (
        not code
        or len(code) > 32
        or not code.replace("-", "").replace("_", "").isalnum()
    ):
        return None
    return db.session.scalar(
        select(ServiceCertificate).where(ServiceCertificate.verification_code == code)
    )


def certificates_of(volunteer: Volunteer) -> list[ServiceCertificate]:
    return list(
        db.session.scalars(
            select(ServiceCertificate)
            .where(ServiceCertificate.volunteer_id == volunteer.id)
            .order_by(ServiceCertificate.id.desc())
        )
    )
