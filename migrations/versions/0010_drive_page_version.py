"""Drives: ``page_version``, the token under which workers keep the public page;
intakes: an index for a drive's latest intakes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("drives") as batch_op:
        batch_op.add_column(
            sa.Column(
                "page_version", sa.String(length=16), nullable=False, server_default=""
            )
        )
    op.create_index("ix_intakes_drive_latest", "intakes", ["drive_id", "id"])


def downgrade():
    op.drop_index("ix_intakes_drive_latest", table_name="intakes")
    with op.batch_alter_table("drives") as batch_op:
        batch_op.drop_column("page_version")
