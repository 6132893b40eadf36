"""Readers' relevance feedback: confirmed "not about this story" / "more like this" judgements.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_feedback",
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("verdict", sa.Text(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_match_feedback_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slug", "article_id", name="pk_match_feedback"),
    )
    op.create_index("ix_match_feedback_slug", "match_feedback", ["slug"])


def downgrade() -> None:
    op.drop_index("ix_match_feedback_slug", table_name="match_feedback")
    op.drop_table("match_feedback")
