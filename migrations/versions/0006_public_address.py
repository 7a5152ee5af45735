"""Organisation: the public address used in links that leave the site.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
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
