"""v2: tags and stock

Revision ID: 3f1c2b9a7d10
Revises: 7bb724899671
Create Date: 2026-11-30 17:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '3f1c2b9a7d10'
down_revision = '7bb724899671'
branch_labels = None
depends_on = None


def upgrade():
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
    # Backfill: add the column as nullable, give every existing book 0, then make it NOT NULL.
    with op.batch_alter_table('book', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stock', sa.Integer(), nullable=True))
    op.execute("UPDATE book SET stock = 0")
    with op.batch_alter_table('book', schema=None) as batch_op:
        batch_op.alter_column('stock', existing_type=sa.Integer(), nullable=False)


def downgrade():
    with op.batch_alter_table('book', schema=None) as batch_op:
        batch_op.drop_column('stock')
    op.drop_table('book_tag')
    op.drop_table('tag')
