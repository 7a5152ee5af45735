"""projects: projects, shifts, assignments, matching weights; service_records
link to the project and assignment their hours came from.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02 01:17:02.113246

"""
from alembic import op
import sqlalchemy as sa

import volunteer_hub.db


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('matching_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('singleton', sa.Integer(), nullable=False),
    sa.Column('weights', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_matching_settings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matching_settings')),
    sa.UniqueConstraint('singleton', name=op.f('uq_matching_settings_singleton'))
    )
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('partner', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("status IN ('planning', 'active', 'completed', 'cancelled')", name=op.f('ck_projects_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_projects_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_status'), ['status'], unique=False)

    op.create_table('project_specialties',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('specialty_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_specialties_project_id_projects')),
    sa.ForeignKeyConstraint(['specialty_id'], ['specialties.id'], name=op.f('fk_project_specialties_specialty_id_specialties')),
    sa.PrimaryKeyConstraint('project_id', 'specialty_id', name=op.f('pk_project_specialties'))
    )
    op.create_table('shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('ends_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=False),
    sa.Column('specialty_id', sa.Integer(), nullable=True),
    sa.Column('min_level', sa.String(length=16), nullable=True),
    sa.Column('requires_certificate', sa.Boolean(), nullable=False),
    sa.Column('slots', sa.SmallInteger(), nullable=False),
    sa.Column('notes', sa.String(length=1000), nullable=False),
    sa.Column('copied_from_id', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', volunteer_hub.db.UTCDateTime(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("min_level IS NULL OR min_level IN ('interested', 'experienced', 'certified')", name=op.f('ck_shifts_level')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_shifts_times')),
    sa.CheckConstraint('slots BETWEEN 1 AND 500', name=op.f('ck_shifts_slots')),
    sa.ForeignKeyConstraint(['copied_from_id'], ['shifts.id'], name=op.f('fk_shifts_copied_from_id_shifts')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_shifts_project_id_projects')),
    sa.ForeignKeyConstraint(['specialty_id'], ['specialties.id'], name=op.f('fk_shifts_specialty_id_specialties')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts'))
    )
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shifts_project_id'), ['project_id'], unique=False)
        batch_op.create_index('ix_shifts_starts_at_ends_at', ['starts_at', 'ends_at'], unique=False)

    op.create_table('assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Numeric(precision=7, scale=2), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('reply_secret_hash', sa.String(length=64), nullable=True),
    sa.Column('invited_at', volunteer_hub.db.UTCDateTime(), nullable=True),
    sa.Column('replied_at', volunteer_hub.db.UTCDateTime(), nullable=True),
    sa.Column('attendance_at', volunteer_hub.db.UTCDateTime(), nullable=True),
    sa.Column('reminder_message_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', volunteer_hub.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("status IN ('proposed', 'invited', 'confirmed', 'declined', 'attended', 'no_show', 'cancelled')", name=op.f('ck_assignments_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assignments_created_by_id_users')),
    sa.ForeignKeyConstraint(['reminder_message_id'], ['outbox_messages.id'], name=op.f('fk_assignments_reminder_message_id_outbox_messages')),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_assignments_shift_id_shifts')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteers.id'], name=op.f('fk_assignments_volunteer_id_volunteers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments')),
    sa.UniqueConstraint('reply_secret_hash', name=op.f('uq_assignments_reply_secret_hash')),
    sa.UniqueConstraint('shift_id', 'volunteer_id', name=op.f('uq_assignments_shift_id_volunteer_id'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_shift_id'), ['shift_id'], unique=False)
        batch_op.create_index('ix_assignments_volunteer_status', ['volunteer_id', 'status'], unique=False)

    with op.batch_alter_table('service_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('project_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('assignment_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_service_records_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_service_records_assignment_id_assignments'), 'assignments', ['assignment_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_service_records_project_id_projects'), 'projects', ['project_id'], ['id'])



def downgrade():
    with op.batch_alter_table('service_records', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_service_records_project_id_projects'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_service_records_assignment_id_assignments'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_service_records_assignment_id'))
        batch_op.drop_column('assignment_id')
        batch_op.drop_column('project_id')

    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_assignments_volunteer_status')
        batch_op.drop_index(batch_op.f('ix_assignments_shift_id'))

    op.drop_table('assignments')
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.drop_index('ix_shifts_starts_at_ends_at')
        batch_op.drop_index(batch_op.f('ix_shifts_project_id'))

    op.drop_table('shifts')
    op.drop_table('project_specialties')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_status'))

    op.drop_table('projects')
    op.drop_table('matching_settings')
