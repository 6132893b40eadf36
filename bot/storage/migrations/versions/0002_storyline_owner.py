"""Storylines made with /track belong to the chat that made them (NULL: shared with every chat).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot add an indexed column to a table in place on every version
    with op.batch_alter_table("storylines") as batch:
        batch.add_column(sa.Column("owner_chat_id", sa.BigInteger(), nullable=True))
        batch.create_index("ix_storylines_owner_chat_id", ["owner_chat_id"])


def downgrade() -> None:
    with op.batch_alter_table("storylines") as batch:
        batch.drop_index("ix_storylines_owner_chat_id")
        batch.drop_column("owner_chat_id")
