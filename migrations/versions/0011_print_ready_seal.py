"""Organisation: the seal stored print-ready, the upload kept beside it.

A seal uploaded before this revision was stored as uploaded (up to 2,000 px),
and WeasyPrint decoded, split and encoded it again for every receipt. Each
stored seal becomes ``seal_original`` and is prepared once, here, as new
uploads are (``volunteer_hub.organisation.images``), with an audit event.
Receipts already issued are stored PDFs and do not change. Downgrading puts
the kept upload back in ``seal_image``.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from volunteer_hub.db import UTCDateTime
from volunteer_hub.errors import DomainError
from volunteer_hub.organisation import images

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

organisations = sa.table(
    "organisations",
    sa.column("id", sa.Integer),
    sa.column("seal_image", sa.LargeBinary),
    sa.column("seal_mime", sa.String),
    sa.column("seal_original", sa.LargeBinary),
)
audit_events = sa.table(
    "audit_events",
    sa.column("at", UTCDateTime),
    sa.column("actor_label", sa.String),
    sa.column("action", sa.String),
    sa.column("entity_type", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("note", sa.String),
)


def upgrade():
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.add_column(sa.Column("seal_original", sa.LargeBinary(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(organisations.c.id, organisations.c.seal_image).where(
            organisations.c.seal_image.is_not(None)
        )
    ).all()
    for org_id, stored in rows:
        _prepare(connection, org_id, stored)


def _prepare(connection, org_id: int, stored: bytes) -> None:
    # A seal that cannot be read or prepared now is left as it is (documents
    # skip it as before): one odd image must not stop the whole upgrade.
    try:
        picture = images.read_upload(stored, max_bytes=len(stored))
        prepared = images.png_bytes(images.print_ready_seal(picture))
    except (DomainError, OSError, ValueError, MemoryError):
        return
    connection.execute(
        organisations.update()
        .where(organisations.c.id == org_id)
        .values(seal_image=prepared, seal_mime="image/png", seal_original=stored)
    )
    connection.execute(
        audit_events.insert().values(
            at=datetime.now(UTC),
            actor_label="migration",
            action="organisation.seal_prepare",
            entity_type="organisations",
            entity_id=str(org_id),
            before={"seal": f"<{len(stored)} bytes png>"},
            after={"seal": f"<{len(prepared)} bytes png>"},
            note="0011_print_ready_seal",
        )
    )


def downgrade():
    op.execute(
        "UPDATE organisations SET seal_image = seal_original, seal_mime = 'image/png'"
        " WHERE seal_original IS NOT NULL"
    )
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.drop_column("seal_original")
