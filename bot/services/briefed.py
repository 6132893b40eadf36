"""One message per event: a report of events a chat was already briefed on updates that
briefing (an edit, or a follow-up past Telegram's edit window) instead of a new one.

Which message a report belongs to is decided in `bot.events.briefed`, the texts in
`bot.briefings.updates`; this service reads and records the chats' briefing messages and queues
the updates in the outbox, where they are sent, exactly once, like any message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.briefings.render import render_follow_up
from bot.briefings.updates import edited_text, follow_up_view
from bot.briefings.views import BriefingView, source_of
from bot.clock import Clock
from bot.events.briefed import BRIEFED_HORIZON, Briefed, Placement, Told, place, reports_of
from bot.models import Article, Extraction
from bot.services.chats import Recipient
from bot.services.reading import briefing_view
from bot.services.storylines import StorylineCatalog
from bot.storage.ports import StoragePort

if TYPE_CHECKING:
    from bot.services.pipeline import ExtractionCache


# An update's texts (edited briefing or None, follow-up) by what they are made of: the briefing's
# article, the articles it carries, its pieces and the chat's "Why" option.
Rendered = dict[tuple[str, tuple[str, ...], int, bool], tuple[str | None, str]]


def briefing_key(article_id: str, slug: str, piece: int) -> str:
    """The outbox key of one piece of an instant briefing."""
    return f"briefing:{article_id}:{slug}:{piece}"


def update_key(article_id: str, target: Briefed) -> str:
    """The outbox key of the update an article makes to a briefing message: once per pair."""
    return f"edit:{article_id}:{target.outbox_key}"


class EventMessages:
    """Places each matched article, per chat, as a new briefing or updates of the chat's
    briefings of the same events, and records the briefings sent so later reports find them.
    """

    def __init__(
        self,
        storage: StoragePort,
        catalog: StorylineCatalog,
        extractions: ExtractionCache,
        clock: Clock,
    ) -> None:
        self._storage = storage
        self._catalog = catalog
        self._extractions = extractions
        self._clock = clock

    async def placements(
        self, article: Article, slug: str, reports: Sequence[Told], recipients: Sequence[Recipient]
    ) -> dict[int, Placement]:
        """Per chat, what the article is for it. A paused chat's briefings are held for one
        catch-up, so it always gets a briefing (held) rather than an edit.
        """
        live = [to.sub.chat_id for to in recipients if to.held_limit is None]
        if not reports or not live:
            return {}
        since = self._clock() - BRIEFED_HORIZON
        briefed = await self._storage.briefed.recent(slug, live, since)
        return {chat: place(article.id, reports, briefed.get(chat, [])) for chat in live}

    @staticmethod
    def reports(article: Article, extraction: Extraction | None) -> tuple[Told, ...]:
        """The events an article tells, as a briefing carries them."""
        return reports_of(article.id, source_of(article), extraction)

    @staticmethod
    def briefed(to: Recipient, article: Article, slug: str, pieces: int, reports: Sequence[Told]) -> Briefed:
        """The record of a briefing about to be queued for a chat (its id is assigned when stored)."""
        return Briefed(
            0, to.sub.chat_id, slug, article.id, briefing_key(article.id, slug, 0), pieces, tuple(reports)
        )

    async def record(self, messages: Sequence[Briefed], now: datetime) -> None:
        """Remember briefings queued, so that later reports of their events update them; those
        too old for any report to update are forgotten meanwhile.
        """
        await self._storage.briefed.add_many(messages, now, forget_before=now - BRIEFED_HORIZON)

    async def queue_updates(
        self,
        article: Article,
        slug: str,
        to: Recipient,
        placement: Placement,
        now: datetime,
        rendered: Rendered | None = None,
    ) -> int:
        """Queue the updates an article makes to a chat's briefings; returns how many were new.
        `rendered` keeps the texts made for other chats whose briefings carry the same reports.

        The update is queued before the message records its new reports: a crash between the
        two queues the same key again, which the outbox refuses.
        """
        queued = 0
        rendered = {} if rendered is None else rendered
        for target, gained in placement.updates:
            carried = target.reports + tuple(t for t in gained if t.article_id not in target.articles)
            key = (target.article_id, tuple(t.article_id for t in carried), target.pieces, to.show_why)
            if key not in rendered:
                rendered[key] = await self._texts(slug, target, carried, gained, to.show_why)
            edit, follow = rendered[key]
            queued += await self._storage.outbox.enqueue(
                to.sub.chat_id, edit or follow, update_key(article.id, target), "edit",
                thread_id=to.sub.thread_id, now=now, not_before=to.quiet_until,
                silent=to.silent, link_previews=to.link_previews,
                edit_of=target.outbox_key, follow_up=follow,
            )
            await self._storage.briefed.carry(target.id, gained, now)
        return queued

    async def _texts(
        self, slug: str, target: Briefed, carried: Sequence[Told], gained: Sequence[Told], show_why: bool
    ) -> tuple[str | None, str]:
        """The briefing's edited text (None when it cannot be edited in place) and the follow-up."""
        title = self._catalog.title(slug)
        follow = render_follow_up(follow_up_view(title, slug, carried, gained))
        view = await self._original(slug, target)
        if view is None:
            return None, follow
        shown = view if show_why else dataclasses.replace(view, show_why=False)
        return edited_text(shown, carried, target.pieces), follow

    async def _original(self, slug: str, target: Briefed) -> BriefingView | None:
        """The view the briefing was rendered from (None when its article is no longer stored)."""
        article = await self._storage.articles.get(target.article_id)
        if article is None:
            return None
        match = next((m for m in await self._storage.matches.for_article(article.id) if m.slug == slug), None)
        if match is None:
            return None
        extraction, note = await self._extractions.extraction_for(article)
        return briefing_view(self._catalog, article, match, extraction, note)

