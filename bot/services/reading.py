"""Reading the archive: briefings, /latest, /timeline, /who, digests and /track previews.

Each view gathers stored matches and cached extractions, and hands them to the pure builders in
`bot.briefings` (timeline, person, views) and the renderer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.briefings.digest import zone
from bot.briefings.person import StoryMaterial, person_view
from bot.briefings.render import (
    as_messages,
    render_briefing,
    render_digest,
    render_person,
    render_timeline,
)
from bot.briefings.timeline import timeline_view
from bot.briefings.views import BriefingView, DigestSection, DigestView, PersonView, events_in
from bot.clock import Clock
from bot.events import cut, newest_first, told_in, worth_showing
from bot.maps.picture import Picture, itinerary_picture, itinerary_refusal, network_picture
from bot.models import Article, Extraction, Match, Storyline
from bot.services.chats import ChatState
from bot.services.storylines import StorylineCatalog, storyline_visible
from bot.storage.ports import ArticleRepository, ChatRepository, MatcherPort, MatchRepository

if TYPE_CHECKING:
    from bot.services.pipeline import ExtractionCache

# How many matches of a storyline a timeline or a person's page reads.
READ_LIMIT = 200
# How far back a /track preview looks: the newest stored articles, whenever published.
PREVIEW_ARTICLES = 2000

Items = list[tuple[Article, Extraction | None]]


def briefing_view(
    catalog: Mapping[str, Storyline],
    article: Article,
    match: Match,
    extraction: Extraction | None,
    note: str,
) -> BriefingView:
    """One matched article as its storyline's briefing."""
    story = catalog.get(match.slug)
    return BriefingView(
        storyline_title=story.title if story else match.slug,
        slug=match.slug,
        article=article,
        match=match,
        extraction=extraction,
        extraction_note=note,
    )


def digest_section(
    title: str, slug: str, pairs: Sequence[tuple[Match, Article]], items: Items, limit: int
) -> DigestSection:
    """One storyline's part of a digest: its events newest first with background after the news,
    then the matched items that tell of no meeting; each cut at `limit`, what it leaves counted.
    """
    told = {a.id for a, x in items if x and any(worth_showing(m) for m in told_in(x))}
    kept, left_out = cut(newest_first(events_in(items)), limit)
    others, others_left_out = cut([(a, m) for m, a in pairs if a.id not in told], limit)
    return DigestSection(title, slug, kept, others, left_out, others_left_out)


class ReadingService:
    """Views of what the archive holds, rendered as Telegram HTML ("html") or text ("txt")."""

    def __init__(
        self,
        matches: MatchRepository,
        articles: ArticleRepository,
        chats: ChatRepository,
        catalog: StorylineCatalog,
        extractions: ExtractionCache,
        make_matcher: Callable[[Sequence[Storyline]], MatcherPort],
        max_digest_items: int,
        clock: Clock,
    ) -> None:
        self._matches = matches
        self._articles = articles
        self._chats = chats
        self._catalog = catalog
        self._extractions = extractions
        self._make_matcher = make_matcher
        self._max_digest_items = max_digest_items
        self._clock = clock

    async def briefing(self, article: Article, match: Match, fmt: str = "html") -> str:
        """The briefing of an article for a storyline match, rendered as `fmt` (html or text)."""
        extraction, note = await self._extractions.extraction_for(article)
        return render_briefing(briefing_view(self._catalog, article, match, extraction, note), fmt)

    async def latest(self, slug: str, limit: int = 5, fmt: str = "html") -> list[str]:
        """The newest briefings of a storyline, newest first."""
        messages: list[str] = []
        for match, article in await self._matched(slug, limit=limit):
            messages.extend(as_messages(await self.briefing(article, match, fmt), fmt))
        return messages

    async def timeline(self, slug: str, fmt: str = "html") -> list[str]:
        """Itinerary stops and meetings in date order, each with all its sources."""
        items = await self._items(await self._matched(slug))
        view = timeline_view(slug, self._catalog.get(slug), events_in(items))
        return as_messages(render_timeline(view, fmt), fmt)

    async def itinerary(self, slug: str) -> Picture:
        """The storyline's itinerary map and caption, or why there is none; drawn in a thread so
        the event loop keeps serving other chats meanwhile.
        """
        items = await self._items(await self._matched(slug))
        return await asyncio.to_thread(itinerary_picture, slug, self._catalog.get(slug), items)

    async def itinerary_refusal(self, slug: str) -> str | None:
        """Why the storyline's itinerary cannot be mapped now, or None when it can (nothing is
        drawn: a trip briefing asks this before it queues a map).
        """
        items = await self._items(await self._matched(slug))
        return await asyncio.to_thread(itinerary_refusal, slug, self._catalog.get(slug), items)

    async def person(self, name: str, *, chat_id: int | None = None) -> PersonView:
        """A person's meetings and quotes across every storyline (`chat_id`: that chat sees)."""
        stories = (
            dict(self._catalog) if chat_id is None else await self._catalog.visible(chat_id)
        )
        material = []
        for slug, story in stories.items():
            items = await self._items(await self._matched(slug))
            material.append(StoryMaterial(story.title, events_in(items), items))
        return person_view(name, material)

    async def who(self, name: str, fmt: str = "html", *, chat_id: int | None = None) -> list[str]:
        """A person's page as messages: their meetings and quotes across storylines."""
        return self.person_page(await self.person(name, chat_id=chat_id), fmt)

    @staticmethod
    def person_page(person: PersonView, fmt: str = "html") -> list[str]:
        """The page of a person already gathered (`person`), as messages."""
        return as_messages(render_person(person, fmt), fmt)

    async def who_graph(self, person: PersonView) -> Picture:
        """The graph of who the person met, or why there is none; drawn in a thread. It takes
        the view the page was made from, so /who reads every storyline's matches once.
        """
        return await asyncio.to_thread(network_picture, person)

    async def digest_view(
        self,
        slugs: Sequence[str],
        since: datetime | None,
        local_time: datetime,
        since_by_slug: Mapping[str, datetime] | None = None,
    ) -> DigestView:
        """What is new in each storyline since `since` (one entry per event, all its sources)."""
        sections = []
        for slug in slugs:
            slug_since = since_by_slug.get(slug) if since_by_slug is not None else since
            pairs = await self._matched(slug, matched_since=slug_since)
            if pairs:
                items = await self._items(pairs)
                title = self._catalog.title(slug)
                sections.append(digest_section(title, slug, pairs, items, self._max_digest_items))
        return DigestView(tuple(sections), since, local_time)

    async def chat_digest_view(self, chat: ChatState) -> DigestView:
        """The chat's digest now: per storyline, what is new since that subscription's last
        digest; a first digest shows the storyline's latest entries (capped).
        """
        owners = await self._catalog.owners()
        subs = [
            s
            for s in await self._chats.subscriptions(chat.chat_id)
            if s.mode != "instant" and storyline_visible(owners, s.slug, chat.chat_id)
        ]
        since_by_slug = {
            s.slug: since for s in subs if (since := s.last_digest_at or chat.last_digest_at)
        }
        oldest = min(since_by_slug.values(), default=None)
        local = self._clock().astimezone(zone(chat.timezone))
        return await self.digest_view([s.slug for s in subs], oldest, local, since_by_slug)

    async def digest_messages(self, chat_id: int, fmt: str = "html") -> list[str]:
        """The chat's digest now, as messages ([] for an unknown chat, or when nothing is new)."""
        chat = await self._chats.get(chat_id)
        if chat is None:
            return []
        view = await self.chat_digest_view(chat)
        return as_messages(render_digest(view, fmt), fmt) if view.sections else []

    async def preview(self, storyline: Storyline, limit: int = 5) -> list[tuple[Match, Article]]:
        """What a storyline would have matched in the stored archive (newest first)."""
        matcher = self._make_matcher([storyline])
        since = datetime(1970, 1, 1, tzinfo=UTC)
        found = [
            (match, article)
            for article in await self._articles.recent(since=since, limit=PREVIEW_ARTICLES)
            for match in matcher.match_article(article)
        ]
        found.sort(key=lambda p: p[1].published, reverse=True)
        return found[:limit]

    async def _matched(
        self, slug: str, matched_since: datetime | None = None, limit: int = READ_LIMIT
    ) -> list[tuple[Match, Article]]:
        return await self._matches.for_storyline(slug, limit=limit, matched_since=matched_since)

    async def _items(self, pairs: Sequence[tuple[Match, Article]]) -> Items:
        """Each matched article with its extraction (None when there is none)."""
        items: Items = []
        for _, article in pairs:
            extraction, _ = await self._extractions.extraction_for(article)
            items.append((article, extraction))
        return items
