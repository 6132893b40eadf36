"""Persistence: SQLAlchemy tables, Alembic migrations and one repository per domain.

`storage = await Storage.open(url)` migrates the database and exposes storage.feeds,
.articles, .storylines, .matches, .extractions, .chats and .outbox; `await storage.close()`.
"""

from bot.storage.db import DEFAULT_URL, Storage
from bot.storage.errors import StorageError
from bot.storage.feeds import FEED_STATES, FeedState

__all__ = ["DEFAULT_URL", "FEED_STATES", "FeedState", "Storage", "StorageError"]
