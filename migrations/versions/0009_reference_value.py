"""Intake lines valued at the item's reference value: the basis ``reference``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OLD = "valuation_basis IN ('invoice', 'market', 'appraisal', 'declared', 'not_valued')"
NEW = (
    "valuation_basis IN ('reference', 'invoice', 'market', 'appraisal',"
    " 'declared', 'not_valued')"
)


def _replace_check(condition: str) -> None:
    with op.batch_alter_table("intake_lines", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_intake_lines_valuation_basis"), type_="check")
        batch_op.create_check_constraint("valuation_basis", condition)


def upgrade():
    _replace_check(NEW)


def downgrade():
    # Lines valued at the reference value keep their amount as a market price.
    op.execute(
        "UPDATE intake_lines SET valuation_basis = 'market'"
        " WHERE valuation_basis = 'reference'"
    )
    _replace_check(OLD)
