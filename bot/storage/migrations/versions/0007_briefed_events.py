"""One message per event: which briefing message carries which events in each chat, and outbox
rows that edit an earlier message (with the follow-up sent when it can no longer be edited).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "briefed_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("outbox_key", sa.Text(), nullable=False),
        sa.Column("pieces", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("reports", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_briefed_events"),
        sa.UniqueConstraint("chat_id", "outbox_key", name="uq_briefed_events_chat_id_outbox_key"),
    )
    op.create_index("ix_briefed_events_slug_created_at", "briefed_events", ["slug", "created_at"])
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("edit_of", sa.Text(), nullable=True))
        batch.add_column(sa.Column("follow_up", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("follow_up")
        batch.drop_column("edit_of")
    op.drop_index("ix_briefed_events_slug_created_at", table_name="briefed_events")
    op.drop_table("briefed_events")
