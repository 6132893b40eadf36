"""Initial schema: feeds, articles, storylines, matches, extractions, chats, subscriptions, outbox.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

AutoId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _created_at() -> sa.Column[object]:
    return sa.Column("created_at", UTCDateTime(), nullable=False, server_default=sa.func.now())


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False, server_default=""),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("next_poll_at", UTCDateTime(), nullable=False),
        sa.Column("last_polled_at", UTCDateTime()),
        sa.Column("error_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("state", sa.Text(), nullable=False, server_default="active"),
        sa.Column("last_error", sa.Text()),
        _created_at(),
        sa.PrimaryKeyConstraint("url", name="pk_feeds"),
    )
    op.create_index("ix_feeds_state_next_poll_at", "feeds", ["state", "next_poll_at"])

    op.create_table(
        "articles",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("feed_url", sa.Text(), nullable=False),
        sa.Column("guid", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published", UTCDateTime(), nullable=False),
        sa.Column("published_missing", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("content_hash", sa.Text()),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False, server_default=""),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("url", name="uq_articles_url"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_feed_url", "articles", ["feed_url"])

    op.create_table(
        "storylines",
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("window_start", sa.Date()),
        sa.Column("window_end", sa.Date()),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False, server_default=sa.func.now()),
        _created_at(),
        sa.PrimaryKeyConstraint("slug", name="pk_storylines"),
    )

    op.create_table(
        "matches",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("article_id", "slug", name="pk_matches"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_matches_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_matches_slug", "matches", ["slug"])

    op.create_table(
        "extractions",
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("content_hash", "version", name="pk_extractions"),
    )

    op.create_table(
        "chats",
        sa.Column("chat_id", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("type", sa.Text(), nullable=False, server_default="private"),
        sa.Column("title", sa.Text(), nullable=False, server_default=""),
        sa.Column("timezone", sa.Text(), nullable=False, server_default="UTC"),
        sa.Column("digest_times", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
        sa.Column("quiet_start", sa.Text()),
        sa.Column("quiet_end", sa.Text()),
        sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("failure_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("last_digest_at", UTCDateTime()),
        sa.Column("next_digest_at", UTCDateTime()),
        _created_at(),
        sa.PrimaryKeyConstraint("chat_id", name="pk_chats"),
    )
    op.create_index("ix_chats_next_digest_at", "chats", ["next_digest_at"])

    op.create_table(
        "subscriptions",
        sa.Column("id", AutoId, nullable=False, autoincrement=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text(), nullable=False, server_default="both"),
        sa.Column("thread_id", sa.BigInteger()),
        sa.Column("last_digest_at", UTCDateTime()),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_subscriptions"),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.chat_id"],
            name="fk_subscriptions_chat_id_chats",
            ondelete="CASCADE",
            onupdate="CASCADE",
        ),
        sa.UniqueConstraint("chat_id", "slug", name="uq_subscriptions_chat_id_slug"),
    )
    op.create_index("ix_subscriptions_slug", "subscriptions", ["slug"])

    op.create_table(
        "outbox",
        sa.Column("id", AutoId, nullable=False, autoincrement=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger()),
        sa.Column("dedupe_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("not_before", UTCDateTime(), nullable=False, server_default=sa.func.now()),
        sa.Column("last_error", sa.Text()),
        sa.Column("telegram_message_id", sa.BigInteger()),
        _created_at(),
        sa.Column("sent_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("chat_id", "dedupe_key", name="uq_outbox_chat_id_dedupe_key"),
    )
    op.create_index("ix_outbox_status_not_before", "outbox", ["status", "not_before"])


def downgrade() -> None:
    for table in (
        "outbox",
        "subscriptions",
        "chats",
        "extractions",
        "matches",
        "storylines",
        "articles",
        "feeds",
    ):
        op.drop_table(table)
