"""stock, backfilled

Revision ID: 3c9d0e51f2ab
Revises: 78c8aa872041
Create Date: 2026-11-30 17:02:11.402113

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c9d0e51f2ab'
down_revision = '78c8aa872041'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('book', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stock', sa.Integer(), nullable=True))
    op.execute("UPDATE book SET stock = 0")
    with op.batch_alter_table('book', schema=None) as batch_op:
        batch_op.alter_column('stock', existing_type=sa.Integer(), nullable=False)


def downgrade():
    with op.batch_alter_table('book', schema=None) as batch_op:
        batch_op.drop_column('stock')
