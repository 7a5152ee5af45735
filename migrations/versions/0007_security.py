"""Security: outbox audience and short-lived secrets, pending volunteer links,
login and lookup backoff.

Messages already in the outbox lose their personal links: those already sent keep
only the text without the link; those still waiting keep it until sent or shown.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

import re

import sqlalchemy as sa
from alembic import op

import volunteer_hub.db

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# A link whose last path part is a 43-character secret (volunteer_hub.links).
SECRET_LINK = re.compile(r"https?://\S+/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
REMOVED = "[personal link: removed once sent or shown]"


def upgrade():
    op.create_table(
        "throttles",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", volunteer_hub.db.UTCDateTime(), nullable=True),
        sa.Column("updated_at", volunteer_hub.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_throttles")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("private_body", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "audience",
                sa.String(length=16),
                nullable=False,
                server_default="coordinator",
            )
        )
    with op.batch_alter_table("volunteers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pending_link_hash", sa.String(length=64), nullable=True)
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_volunteers_pending_link_hash"), ["pending_link_hash"]
        )
    _redact_existing_messages()


def _redact_existing_messages():
    connection = op.get_bind()
    messages = sa.table(
        "outbox_messages",
        sa.column("id", sa.Integer),
        sa.column("body", sa.Text),
        sa.column("private_body", sa.Text),
        sa.column("status", sa.String),
        sa.column("entity_type", sa.String),
        sa.column("audience", sa.String),
    )
    connection.execute(
        messages.update()
        .where(messages.c.entity_type == "users")
        .values(audience="admin")
    )
    rows = connection.execute(
        sa.select(messages.c.id, messages.c.body, messages.c.status)
    ).all()
    for row in rows:
        redacted = SECRET_LINK.sub(REMOVED, row.body or "")
        if redacted == row.body:
            continue
        waiting = row.status in ("queued", "stored")
        connection.execute(
            messages.update()
            .where(messages.c.id == row.id)
            .values(body=redacted, private_body=row.body if waiting else None)
        )


def downgrade():
    with op.batch_alter_table("volunteers", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_volunteers_pending_link_hash"), type_="unique"
        )
        batch_op.drop_column("pending_link_hash")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("audience")
        batch_op.drop_column("private_body")
    op.drop_table("throttles")
