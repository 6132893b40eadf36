"""Per-chat options (the "Why it matched" line, silent notifications, link previews), also
carried on each queued message so the sender applies them without reading the chat.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(sa.Column("show_why", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("silent", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(
            sa.Column("link_previews", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("silent", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(
            sa.Column("link_previews", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("link_previews")
        batch.drop_column("silent")
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("link_previews")
        batch.drop_column("silent")
        batch.drop_column("show_why")
