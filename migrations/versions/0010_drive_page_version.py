"""Drives: ``page_version``, the token under which workers keep the public page;
intakes: an index for a drive's latest intakes; intake lines: the progress sums'
covering index also covers the value.

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

SUMMED = ["drive_item_id", "quantity_received", "quantity_accepted"]


def upgrade():
    with op.batch_alter_table("drives") as batch_op:
        batch_op.add_column(
            sa.Column(
                "page_version", sa.String(length=16), nullable=False, server_default=""
            )
        )
    op.create_index("ix_intakes_drive_latest", "intakes", ["drive_id", "id"])
    op.drop_index("ix_intake_lines_item_quantities", table_name="intake_lines")
    op.create_index(
        "ix_intake_lines_item_sums", "intake_lines", [*SUMMED, "valuation_amount"]
    )


def downgrade():
    op.drop_index("ix_intake_lines_item_sums", table_name="intake_lines")
    op.create_index("ix_intake_lines_item_quantities", "intake_lines", SUMMED)
    op.drop_index("ix_intakes_drive_latest", table_name="intakes")
    with op.batch_alter_table("drives") as batch_op:
        batch_op.drop_column("page_version")
