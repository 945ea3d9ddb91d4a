"""add tags and stock

Revision ID: c0ffee123456
Revises: 7bb724899671
Create Date: 2026-11-30 17:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c0ffee123456'
down_revision = '7bb724899671'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tag',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(30), nullable=False, unique=True),
    )
    op.create_table(
        'book_tag',
        sa.Column('book_id', sa.Integer(), sa.ForeignKey('book.id'), primary_key=True),
        sa.Column('tag_id', sa.Integer(), sa.ForeignKey('tag.id'), primary_key=True),
    )
    # SQLite can add a column with a default without rebuilding the table.
    op.add_column('book', sa.Column('stock', sa.Integer(), nullable=False, server_default=sa.text('0')))


def downgrade():
    op.drop_column('book', 'stock')
    op.drop_table('book_tag')
    op.drop_table('tag')
