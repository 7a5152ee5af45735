"""drives

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-02 00:58:14.690751

"""
from alembic import op
import sqlalchemy as sa

import volunteer_hub.db


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('donors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('address', sa.String(length=500), nullable=False),
    sa.Column('show_publicly', sa.Boolean(), nullable=False),
    sa.Column('link_secret_hash', sa.String(length=64), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('person', 'organisation')", name=op.f('ck_donors_kind')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['donors.id'], name=op.f('fk_donors_merged_into_id_donors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_donors')),
    sa.UniqueConstraint('email', name=op.f('uq_donors_email')),
    sa.UniqueConstraint('link_secret_hash', name=op.f('uq_donors_link_secret_hash')),
    sa.UniqueConstraint('phone', name=op.f('uq_donors_phone'))
    )
    with op.batch_alter_table('donors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_donors_merged_into_id'), ['merged_into_id'], unique=False)

    op.create_table('drives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title_zh', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('beneficiary', sa.String(length=300), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('restricted_purpose', sa.String(length=500), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('partner_name', sa.String(length=200), nullable=False),
    sa.Column('partner_filing_ref', sa.String(length=100), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('opened_at', volunteer_hub.db.UTCDateTime(), nullable=True),
    sa.Column('closed_at', volunteer_hub.db.UTCDateTime(), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name=op.f('ck_drives_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_drives_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drives')),
    sa.UniqueConstraint('slug', name=op.f('uq_drives_slug'))
    )
    op.create_table('drive_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drive_id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('target_quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('reference_unit_value', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('min_shelf_life_days', sa.Integer(), nullable=True),
    sa.Column('new_only', sa.Boolean(), nullable=False),
    sa.Column('acceptance_note', sa.String(length=500), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('is_goal', sa.Boolean(), nullable=False),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint('priority IN (1, 2, 3)', name=op.f('ck_drive_items_priority')),
    sa.CheckConstraint('target_quantity >= 0', name=op.f('ck_drive_items_target_not_negative')),
    sa.ForeignKeyConstraint(['drive_id'], ['drives.id'], name=op.f('fk_drive_items_drive_id_drives')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drive_items'))
    )
    with op.batch_alter_table('drive_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drive_items_drive_id'), ['drive_id'], unique=False)

    op.create_table('drive_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drive_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=500), nullable=False),
    sa.Column('hours', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['drive_id'], ['drives.id'], name=op.f('fk_drive_points_drive_id_drives')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drive_points'))
    )
    with op.batch_alter_table('drive_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drive_points_drive_id'), ['drive_id'], unique=False)

    op.create_table('pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drive_id', sa.Integer(), nullable=False),
    sa.Column('donor_id', sa.Integer(), nullable=False),
    sa.Column('expected_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('cancelled_at', volunteer_hub.db.UTCDateTime(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_pledges_created_by_id_users')),
    sa.ForeignKeyConstraint(['donor_id'], ['donors.id'], name=op.f('fk_pledges_donor_id_donors')),
    sa.ForeignKeyConstraint(['drive_id'], ['drives.id'], name=op.f('fk_pledges_drive_id_drives')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledges'))
    )
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledges_donor_id'), ['donor_id'], unique=False)
        batch_op.create_index('ix_pledges_drive_donor', ['drive_id', 'donor_id'], unique=False)

    op.create_table('drive_item_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drive_item_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('target_quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('reference_unit_value', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('min_shelf_life_days', sa.Integer(), nullable=True),
    sa.Column('new_only', sa.Boolean(), nullable=False),
    sa.Column('acceptance_note', sa.String(length=500), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_drive_item_revisions_changed_by_id_users')),
    sa.ForeignKeyConstraint(['drive_item_id'], ['drive_items.id'], name=op.f('fk_drive_item_revisions_drive_item_id_drive_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drive_item_revisions'))
    )
    with op.batch_alter_table('drive_item_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drive_item_revisions_drive_item_id'), ['drive_item_id'], unique=False)

    op.create_table('intakes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('drive_id', sa.Integer(), nullable=False),
    sa.Column('donor_id', sa.Integer(), nullable=True),
    sa.Column('pledge_id', sa.Integer(), nullable=True),
    sa.Column('point_id', sa.Integer(), nullable=True),
    sa.Column('received_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('counted_by_1', sa.String(length=100), nullable=False),
    sa.Column('counted_by_2', sa.String(length=100), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['donor_id'], ['donors.id'], name=op.f('fk_intakes_donor_id_donors')),
    sa.ForeignKeyConstraint(['drive_id'], ['drives.id'], name=op.f('fk_intakes_drive_id_drives')),
    sa.ForeignKeyConstraint(['pledge_id'], ['pledges.id'], name=op.f('fk_intakes_pledge_id_pledges')),
    sa.ForeignKeyConstraint(['point_id'], ['drive_points.id'], name=op.f('fk_intakes_point_id_drive_points')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_intakes_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['reverses_id'], ['intakes.id'], name=op.f('fk_intakes_reverses_id_intakes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intakes')),
    sa.UniqueConstraint('number', name=op.f('uq_intakes_number')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_intakes_reverses_id'))
    )
    with op.batch_alter_table('intakes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intakes_donor_id'), ['donor_id'], unique=False)
        batch_op.create_index('ix_intakes_drive_donor', ['drive_id', 'donor_id'], unique=False)
        batch_op.create_index('ix_intakes_drive_received', ['drive_id', 'received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_intakes_pledge_id'), ['pledge_id'], unique=False)

    op.create_table('pledge_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pledge_id', sa.Integer(), nullable=False),
    sa.Column('drive_item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_pledge_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['drive_item_id'], ['drive_items.id'], name=op.f('fk_pledge_lines_drive_item_id_drive_items')),
    sa.ForeignKeyConstraint(['pledge_id'], ['pledges.id'], name=op.f('fk_pledge_lines_pledge_id_pledges')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_lines'))
    )
    with op.batch_alter_table('pledge_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_lines_drive_item_id'), ['drive_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_lines_pledge_id'), ['pledge_id'], unique=False)

    op.create_table('distributions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('drive_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=300), nullable=False),
    sa.Column('destination', sa.String(length=500), nullable=False),
    sa.Column('show_publicly', sa.Boolean(), nullable=False),
    sa.Column('distributed_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('handed_over_by', sa.String(length=100), nullable=False),
    sa.Column('received_by', sa.String(length=100), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('source_intake_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_distributions_created_by_id_users')),
    sa.ForeignKeyConstraint(['drive_id'], ['drives.id'], name=op.f('fk_distributions_drive_id_drives')),
    sa.ForeignKeyConstraint(['point_id'], ['drive_points.id'], name=op.f('fk_distributions_point_id_drive_points')),
    sa.ForeignKeyConstraint(['reverses_id'], ['distributions.id'], name=op.f('fk_distributions_reverses_id_distributions')),
    sa.ForeignKeyConstraint(['source_intake_id'], ['intakes.id'], name=op.f('fk_distributions_source_intake_id_intakes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_distributions')),
    sa.UniqueConstraint('number', name=op.f('uq_distributions_number')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_distributions_reverses_id'))
    )
    with op.batch_alter_table('distributions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_distributions_drive_id'), ['drive_id'], unique=False)

    op.create_table('intake_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('intake_id', sa.Integer(), nullable=False),
    sa.Column('drive_item_id', sa.Integer(), nullable=False),
    sa.Column('pledge_line_id', sa.Integer(), nullable=True),
    sa.Column('quantity_received', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('quantity_accepted', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('rejection_reason', sa.String(length=300), nullable=False),
    sa.Column('condition', sa.String(length=16), nullable=False),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('valuation_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('valuation_basis', sa.String(length=16), nullable=False),
    sa.Column('reverses_line_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("valuation_basis IN ('invoice', 'market', 'appraisal', 'declared', 'not_valued')", name=op.f('ck_intake_lines_valuation_basis')),
    sa.CheckConstraint('(reverses_line_id IS NULL AND quantity_accepted >= 0 AND quantity_accepted <= quantity_received) OR (reverses_line_id IS NOT NULL AND quantity_accepted <= 0 AND quantity_accepted >= quantity_received)', name=op.f('ck_intake_lines_quantities')),
    sa.ForeignKeyConstraint(['drive_item_id'], ['drive_items.id'], name=op.f('fk_intake_lines_drive_item_id_drive_items')),
    sa.ForeignKeyConstraint(['intake_id'], ['intakes.id'], name=op.f('fk_intake_lines_intake_id_intakes')),
    sa.ForeignKeyConstraint(['pledge_line_id'], ['pledge_lines.id'], name=op.f('fk_intake_lines_pledge_line_id_pledge_lines')),
    sa.ForeignKeyConstraint(['reverses_line_id'], ['intake_lines.id'], name=op.f('fk_intake_lines_reverses_line_id_intake_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_lines')),
    sa.UniqueConstraint('reverses_line_id', name=op.f('uq_intake_lines_reverses_line_id'))
    )
    with op.batch_alter_table('intake_lines', schema=None) as batch_op:
        batch_op.create_index('ix_intake_lines_item_quantities', ['drive_item_id', 'quantity_received', 'quantity_accepted'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_lines_intake_id'), ['intake_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_lines_pledge_line_id'), ['pledge_line_id'], unique=False)

    op.create_table('distribution_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('distribution_id', sa.Integer(), nullable=False),
    sa.Column('drive_item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.ForeignKeyConstraint(['distribution_id'], ['distributions.id'], name=op.f('fk_distribution_lines_distribution_id_distributions')),
    sa.ForeignKeyConstraint(['drive_item_id'], ['drive_items.id'], name=op.f('fk_distribution_lines_drive_item_id_drive_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_distribution_lines'))
    )
    with op.batch_alter_table('distribution_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_distribution_lines_distribution_id'), ['distribution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_distribution_lines_drive_item_id'), ['drive_item_id'], unique=False)

    op.create_table('stock_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drive_id', sa.Integer(), nullable=False),
    sa.Column('drive_item_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('intake_line_id', sa.Integer(), nullable=True),
    sa.Column('distribution_line_id', sa.Integer(), nullable=True),
    sa.Column('paired_with_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('intake', 'distribution', 'transfer', 'adjustment', 'reversal')", name=op.f('ck_stock_entries_kind')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_stock_entries_created_by_id_users')),
    sa.ForeignKeyConstraint(['distribution_line_id'], ['distribution_lines.id'], name=op.f('fk_stock_entries_distribution_line_id_distribution_lines')),
    sa.ForeignKeyConstraint(['drive_id'], ['drives.id'], name=op.f('fk_stock_entries_drive_id_drives')),
    sa.ForeignKeyConstraint(['drive_item_id'], ['drive_items.id'], name=op.f('fk_stock_entries_drive_item_id_drive_items')),
    sa.ForeignKeyConstraint(['intake_line_id'], ['intake_lines.id'], name=op.f('fk_stock_entries_intake_line_id_intake_lines')),
    sa.ForeignKeyConstraint(['paired_with_id'], ['stock_entries.id'], name=op.f('fk_stock_entries_paired_with_id_stock_entries')),
    sa.ForeignKeyConstraint(['point_id'], ['drive_points.id'], name=op.f('fk_stock_entries_point_id_drive_points')),
    sa.ForeignKeyConstraint(['reverses_id'], ['stock_entries.id'], name=op.f('fk_stock_entries_reverses_id_stock_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_entries')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_stock_entries_reverses_id'))
    )
    with op.batch_alter_table('stock_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_entries_distribution_line_id'), ['distribution_line_id'], unique=False)
        batch_op.create_index('ix_stock_entries_drive_item', ['drive_id', 'drive_item_id', 'quantity'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_entries_intake_line_id'), ['intake_line_id'], unique=False)
        batch_op.create_index('ix_stock_entries_item_point', ['drive_item_id', 'point_id', 'quantity'], unique=False)



def downgrade():
    with op.batch_alter_table('stock_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_entries_item_point')
        batch_op.drop_index(batch_op.f('ix_stock_entries_intake_line_id'))
        batch_op.drop_index('ix_stock_entries_drive_item')
        batch_op.drop_index(batch_op.f('ix_stock_entries_distribution_line_id'))

    op.drop_table('stock_entries')
    with op.batch_alter_table('distribution_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_distribution_lines_drive_item_id'))
        batch_op.drop_index(batch_op.f('ix_distribution_lines_distribution_id'))

    op.drop_table('distribution_lines')
    with op.batch_alter_table('intake_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_lines_pledge_line_id'))
        batch_op.drop_index(batch_op.f('ix_intake_lines_intake_id'))
        batch_op.drop_index('ix_intake_lines_item_quantities')

    op.drop_table('intake_lines')
    with op.batch_alter_table('distributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_distributions_drive_id'))

    op.drop_table('distributions')
    with op.batch_alter_table('pledge_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_lines_pledge_id'))
        batch_op.drop_index(batch_op.f('ix_pledge_lines_drive_item_id'))

    op.drop_table('pledge_lines')
    with op.batch_alter_table('intakes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intakes_pledge_id'))
        batch_op.drop_index('ix_intakes_drive_received')
        batch_op.drop_index('ix_intakes_drive_donor')
        batch_op.drop_index(batch_op.f('ix_intakes_donor_id'))

    op.drop_table('intakes')
    with op.batch_alter_table('drive_item_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drive_item_revisions_drive_item_id'))

    op.drop_table('drive_item_revisions')
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.drop_index('ix_pledges_drive_donor')
        batch_op.drop_index(batch_op.f('ix_pledges_donor_id'))

    op.drop_table('pledges')
    with op.batch_alter_table('drive_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drive_points_drive_id'))

    op.drop_table('drive_points')
    with op.batch_alter_table('drive_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drive_items_drive_id'))

    op.drop_table('drive_items')
    op.drop_table('drives')
    with op.batch_alter_table('donors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_donors_merged_into_id'))

    op.drop_table('donors')
