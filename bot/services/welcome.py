"""A new follower's catch-up: a storyline's recent briefings as one message, not a flood.

Subscribing, or saving a /track storyline (whose preview's matches are stored with it), queues
one catch-up through the outbox, held like any briefing while the chat is paused.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.briefings.catchup import welcome_messages
from bot.clock import Clock
from bot.models import Storyline
from bot.services.chats import ChatService
from bot.services.reading import ReadingService
from bot.services.storylines import StorylineCatalog
from bot.storage.ports import StoragePort

# How many briefings a catch-up carries, newest kept, and how far back "recent" reaches.
WELCOME_BRIEFINGS = 5
WELCOME_DAYS = 7
# For a storyline just saved, every match is one its preview showed, whenever published.
EVERYTHING = datetime(1970, 1, 1, tzinfo=UTC)


class Welcome:
    """Queues the catch-up of a chat that has just started following a storyline."""

    def __init__(
        self,
        storage: StoragePort,
        catalog: StorylineCatalog,
        chats: ChatService,
        reading: ReadingService,
        clock: Clock,
    ) -> None:
        self._storage = storage
        self._catalog = catalog
        self._chats = chats
        self._reading = reading
        self._clock = clock

    async def keep_previewed(self, storyline: Storyline) -> int:
        """A saved /track storyline keeps what its preview showed, stored as its matches;
        returns how many.
        """
        found = await self._reading.preview(storyline, limit=WELCOME_BRIEFINGS)
        await self._storage.matches.add_many([match for match, _ in found])
        return len(found)

    async def catch_up(
        self, chat_id: int, slug: str, thread_id: int | None = None, *, since: datetime | None = None
    ) -> int:
        """Queue the storyline's recent briefings (published since `since`, by default the last
        WELCOME_DAYS days) for the chat as one message; returns how many it carries.
        """
        now = self._clock()
        since = since if since is not None else now - timedelta(days=WELCOME_DAYS)
        pairs = await self._storage.matches.for_storyline(slug, since=since, limit=WELCOME_BRIEFINGS + 1)
        if not pairs:
            return 0
        shown = list(reversed(pairs[:WELCOME_BRIEFINGS]))  # oldest first, as they happened
        texts = [await self._reading.briefing(article, match) for match, article in shown]
        state = await self._chats.get(chat_id)
        held = self._chats.held_limit if state is not None and state.paused else None
        for i, text in enumerate(welcome_messages(self._catalog.title(slug), slug, texts, len(pairs) > len(shown))):
            await self._storage.outbox.enqueue(
                chat_id, text, f"welcome:{slug}:{now.isoformat()}:{i}", "briefing",
                thread_id=thread_id, now=now, held_limit=held,
                silent=bool(state and state.silent), link_previews=bool(state and state.link_previews),
            )
        return len(shown)
