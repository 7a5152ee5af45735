"""Demo data: a seal, automatic receipts, one voided and replaced, a statement."""

from __future__ import annotations

import io
import math

from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.drives.models import Donor
from volunteer_hub.drives.models_stock import Intake
from volunteer_hub.drives.queries import accepted_lines, is_reversed
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.lazy import LazyModule
from volunteer_hub.receipts import services
from volunteer_hub.receipts.access.services import create_link

# Loaded by `flask demo load` only.
Image = LazyModule("PIL.Image")
ImageDraw = LazyModule("PIL.ImageDraw")
ImageFont = LazyModule("PIL.ImageFont")
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def seal_image(name: str) -> bytes:
    """A round red seal with the organisation's name and a star, as PNG."""
    size = 360
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (200, 16, 32, 230)
    draw.ellipse((12, 12, size - 12, size - 12), outline=red, width=14)
    centre, r = size / 2, 46
    star = [
        (
            centre + (r if i % 2 == 0 else r * 0.4) * math.sin(i * math.pi / 5),
            centre - (r if i % 2 == 0 else r * 0.4) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=red)
    try:
        font = ImageFont.truetype(FONT, 40, index=2)
    except OSError:
        font = None
    if font is not None:
        for n, char in enumerate(name[:12]):
            angle = math.radians(-150 + n * (300 / max(len(name[:12]) - 1, 1)))
            x = centre + 120 * math.sin(angle)
            y = centre - 120 * math.cos(angle)
            glyph = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text((10, 2), char, font=font, fill=red)
            glyph = glyph.rotate(-math.degrees(angle), resample=Image.BICUBIC)
            image.alpha_composite(glyph, (int(x - 30), int(y - 30)))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def load(context: dict) -> None:
    org = context["organisation"]
    org.seal_image, org.seal_mime = seal_image(org.name_zh), "image/png"
    settings = services.get_settings()
    settings.language = "bilingual"
    issuer = context["staff"]["coordinator"]
    issued = []
    # The first drive's receipts are issued; the others are left for a batch.
    for intake in _intakes_with_donors(context["drives"][0].id):
        try:
            issued.append(services.issue_intake_receipt(intake, by=issuer))
        except DomainError:
            continue
    if issued:
        # A typo in the first receipt, corrected by a void and a replacement.
        services.void_receipt(
            issued[0], "捐赠人名称写错 (donor name misspelt)", replace=True, by=issuer
        )
        giver = db.session.get(Donor, issued[-1].donor_id)
        try:
            services.issue_statement(giver, year=clock.now().year, by=issuer)
        except DomainError:
            pass
        context["receipt_link"] = create_link(giver, "staff")
    settings.auto_issue = True
    context["receipts"] = issued


def _intakes_with_donors(drive_id: int):
    intakes = db.session.scalars(
        select(Intake)
        .where(
            Intake.drive_id == drive_id,
            Intake.donor_id.is_not(None),
            Intake.reverses_id.is_(None),
        )
        .order_by(Intake.received_at, Intake.id)
    )
    return [i for i in intakes if accepted_lines(i) and not is_reversed(i)]
