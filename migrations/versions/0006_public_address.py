"""Organisation: the public address used in links that leave the site.

Revision ID: 0006_public_address
Revises: 0005 (the lead re-chains it after the other features)
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_public_address"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.add_column(
            sa.Column(
                "public_url", sa.String(length=200), nullable=False, server_default=""
            )
        )


def downgrade():
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.drop_column("public_url")
