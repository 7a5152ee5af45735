"""Organisations: ``settings_version``, the token under which workers keep the
organisation's profile, the specialties, the volunteer settings and the privacy
notice (``volunteer_hub/organisation/kept.py``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.add_column(
            sa.Column(
                "settings_version",
                sa.String(length=16),
                nullable=False,
                server_default="",
            )
        )
    # A token of its own, so that no two databases start with the same one.
    organisations = sa.table("organisations", sa.column("settings_version"))
    op.execute(organisations.update().values(settings_version=secrets.token_hex(8)))


def downgrade():
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.drop_column("settings_version")
