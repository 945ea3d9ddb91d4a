"""version 2: tags and stock

Revision ID: a9d2e4f60b11
Revises: 7bb724899671
Create Date: 2026-11-30 17:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a9d2e4f60b11'
down_revision = '7bb724899671'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('book') as batch_op:
        batch_op.add_column(sa.Column('stock', sa.Integer(), server_default='0', nullable=False))
    op.create_table('tag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('book_tag',
    sa.Column('book_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['book_id'], ['book.id'], ),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], ),
    sa.PrimaryKeyConstraint('book_id', 'tag_id')
    )


def downgrade():
    op.drop_table('book_tag')
    op.drop_table('tag')
    with op.batch_alter_table('book') as batch_op:
        batch_op.drop_column('stock')
