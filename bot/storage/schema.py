"""The database tables (SQLAlchemy Core). Migrations create them; repositories query them."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)

from bot.storage.types import UTCDateTime

# Named constraints keep migrations portable and let later migrations refer to them.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# SQLite only auto-increments an INTEGER PRIMARY KEY, not a BIGINT one.
AutoId = BigInteger().with_variant(Integer(), "sqlite")


def _created_at() -> Column[object]:
    return Column("created_at", UTCDateTime(), nullable=False, server_default=func.now())


feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("title", Text, nullable=False, server_default=""),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("next_poll_at", UTCDateTime(), nullable=False),
    Column("last_polled_at", UTCDateTime()),
    Column("error_count", Integer, nullable=False, server_default=text("0")),
    Column("state", Text, nullable=False, server_default="active"),
    Column("last_error", Text),
    _created_at(),
    # The instance polling the feed now, and until when (a dead instance's lease runs out).
    Column("leased_by", Text),
    Column("lease_until", UTCDateTime()),
    Index(None, "state", "next_poll_at"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("feed_url", Text, nullable=False),
    Column("guid", Text),
    # Unique, so that the same story reached through two feeds is stored once; NULLs never clash.
    Column("url", Text, unique=True),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", UTCDateTime(), nullable=False),
    Column("published_missing", Boolean, nullable=False, server_default=false()),
    Column("content_hash", Text, unique=True),
    Column("fetched_at", UTCDateTime(), nullable=False),
    Column("source_name", Text, nullable=False, server_default=""),
    _created_at(),
    Index(None, "published"),
    Index(None, "feed_url"),
)

storylines = Table(
    "storylines",
    metadata,
    Column("slug", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("window_start", Date),
    Column("window_end", Date),
    Column("definition", JSON, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False, server_default=func.now()),
    _created_at(),
    # The chat that made it with /track; NULL: every chat sees it (from files, or shared).
    Column("owner_chat_id", BigInteger),
    Index(None, "owner_chat_id"),
)

matches = Table(
    "matches",
    metadata,
    Column(
        "article_id",
        Text,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("slug", Text, primary_key=True),
    Column("score", Float, nullable=False),
    Column("explanation", JSON, nullable=False),
    _created_at(),
    Index(None, "slug"),
)

# Readers' confirmed relevance feedback: one judgement per (storyline, article), the latest wins.
match_feedback = Table(
    "match_feedback",
    metadata,
    Column("slug", Text, primary_key=True),
    Column(
        "article_id",
        Text,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("verdict", Text, nullable=False),  # "not" (about this story) or "more" (like this)
    Column("terms", JSON, nullable=False),  # the storyline's terms the item names
    Column("decided_by", BigInteger, nullable=False),  # the Telegram user who confirmed
    _created_at(),
    Index(None, "slug"),
)

extractions = Table(
    "extractions",
    metadata,
    Column("content_hash", Text, primary_key=True),
    Column("version", Text, primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("data", JSON, nullable=False),
    _created_at(),
)

chats = Table(
    "chats",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("type", Text, nullable=False, server_default="private"),
    Column("title", Text, nullable=False, server_default=""),
    Column("timezone", Text, nullable=False, server_default="UTC"),
    Column("digest_times", JSON, nullable=False, server_default=text("'[]'")),
    Column("quiet_start", Text),
    Column("quiet_end", Text),
    Column("paused", Boolean, nullable=False, server_default=false()),
    Column("active", Boolean, nullable=False, server_default=true()),
    # Reader options (/settings): the "Why it matched" line, silent notifications, link previews,
    # and the itinerary map after a trip's briefing.
    Column("show_why", Boolean, nullable=False, server_default=true()),
    Column("silent", Boolean, nullable=False, server_default=false()),
    Column("link_previews", Boolean, nullable=False, server_default=false()),
    Column("trip_maps", Boolean, nullable=False, server_default=true()),
    Column("failure_count", Integer, nullable=False, server_default=text("0")),
    Column("last_digest_at", UTCDateTime()),
    Column("next_digest_at", UTCDateTime()),
    _created_at(),
    # The instance producing the chat's due digest now, and until when.
    Column("digest_leased_by", Text),
    Column("digest_lease_until", UTCDateTime()),
    Index(None, "next_digest_at"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column(
        "chat_id",
        BigInteger,
        # A group that becomes a supergroup gets a new id: its subscriptions follow it.
        ForeignKey("chats.chat_id", ondelete="CASCADE", onupdate="CASCADE"),
        nullable=False,
    ),
    Column("slug", Text, nullable=False),
    Column("mode", Text, nullable=False, server_default="both"),
    Column("thread_id", BigInteger),
    Column("last_digest_at", UTCDateTime()),
    _created_at(),
    UniqueConstraint("chat_id", "slug"),
    Index(None, "slug"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("thread_id", BigInteger),
    Column("dedupe_key", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("not_before", UTCDateTime(), nullable=False, server_default=func.now()),
    Column("last_error", Text),
    Column("telegram_message_id", BigInteger),
    _created_at(),
    Column("sent_at", UTCDateTime()),
    Column("claimed_by", Text),  # the sender instance holding the lease while "sending"
    # The chat's options when the message was queued: sent silently, with a link preview.
    Column("silent", Boolean, nullable=False, server_default=false()),
    Column("link_previews", Boolean, nullable=False, server_default=false()),
    # An "edit" row updates the chat's message sent from the row with this dedupe key; past
    # Telegram's edit window (or when that message is gone) it sends `follow_up` instead.
    Column("edit_of", Text),
    Column("follow_up", Text),
    # Exactly-once delivery across restarts: the same message for the same chat is queued once.
    UniqueConstraint("chat_id", "dedupe_key"),
    Index(None, "status", "not_before"),
)

# Which of a chat's briefing messages carries which events: its article, the outbox row of its
# first piece and every report (meeting and source) it carries, so that another outlet's report
# of the same event updates that message instead of sending a new one.
briefed_events = Table(
    "briefed_events",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("slug", Text, nullable=False),
    Column("article_id", Text, nullable=False),
    Column("outbox_key", Text, nullable=False),
    Column("pieces", Integer, nullable=False, server_default=text("1")),
    Column("reports", JSON, nullable=False),
    _created_at(),
    Column("updated_at", UTCDateTime(), nullable=False, server_default=func.now()),
    UniqueConstraint("chat_id", "outbox_key"),
    Index(None, "slug", "created_at"),
)

# The running `attache run` processes on this database (PostgreSQL); each holds an advisory lock
# on its id for as long as its session lives, so a dead one is known at once.
instances = Table(
    "instances",
    metadata,
    Column("id", Text, primary_key=True),
    Column("host", Text, nullable=False, server_default=""),
    Column("pid", Integer, nullable=False),
    Column("started_at", UTCDateTime(), nullable=False),
)
