"""Readers' relevance feedback: who may teach a storyline, its near misses, confirmed judgements.

A storyline is taught by the chat that made it (in a group, by one of its administrators) or by
a bot admin; storylines from files only by a bot admin. Anyone else is refused with that reason
and nothing is recorded: a storyline's matching is its owner's to change.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.models import Article
from bot.services.pipeline import Pipeline
from bot.services.storylines import StorylineCatalog
from bot.storage.ports import StoragePort
from bot.storylines.distinct import ARCHIVE_DAYS
from bot.storylines.feedback import MORE_LIKE, NOT_ABOUT, Example

if TYPE_CHECKING:
    from bot.storylines.matcher import Verdict

# The first 16 hex digits of an article id name it in callback data (see keyboards.py).
ARTICLE_REF_LEN = 16
# How many of the newest stored articles are looked at for a storyline's near misses.
NEAR_MISS_SCAN = 200
NOT_OWNER = (
    "Only the chat that made this storyline, or a bot admin, can teach it what it is about; "
    "nothing was recorded."
)
NOT_OWNER_FILES = (
    "This storyline comes from the bot's storyline files: only a bot admin can teach it; "
    "nothing was recorded."
)
GROUP_ADMINS = "In a group, only its administrators can teach the group's storyline."


def may_teach(owner: int | None, chat_id: int, *, bot_admin: bool, chat_admin: bool) -> str:
    """Why this reader may not confirm feedback for the storyline, or "" when they may."""
    if bot_admin:
        return ""
    if owner is None:
        return NOT_OWNER_FILES
    if owner != chat_id:
        return NOT_OWNER
    return "" if chat_admin else GROUP_ADMINS


def article_ref(article_id: str) -> str:
    """The short reference to an article that fits in callback data."""
    return article_id[:ARTICLE_REF_LEN]


def confirmation(verdict: str, title: str) -> str:
    """What a confirmed judgement did, for the reader."""
    if verdict == NOT_ABOUT:
        return f"Noted: not about {title}. Items like it now weigh less for this storyline."
    return f"Noted: more like this for {title}. Items like it now weigh more for this storyline."


@dataclass(frozen=True, slots=True)
class NearMiss:
    """An item a storyline did not match although it names the storyline's terms."""

    article: Article
    score: float
    reason: str  # why the storyline did not match it
    matched_instead: tuple[str, ...]  # the slugs of the storylines it did match


def near_miss(verdicts: Sequence[Verdict], slug: str) -> Verdict | None:
    """The verdict on `slug` when it is a near miss: not matched, but with some score (an item
    outside the storyline's window, or naming none of its terms, scores nothing).
    """
    mine = next((v for v in verdicts if v.slug == slug), None)
    if mine is None or mine.matched or mine.score <= 0:
        return None
    return mine


class FeedbackService:
    """Records confirmed judgements and keeps the matcher's feedback weights current."""

    def __init__(
        self, storage: StoragePort, catalog: StorylineCatalog, pipeline: Pipeline, clock: Clock
    ) -> None:
        self._storage = storage
        self._catalog = catalog
        self._pipeline = pipeline
        self._clock = clock

    async def refusal(self, slug: str, chat_id: int, *, bot_admin: bool, chat_admin: bool) -> str:
        """Why this reader may not teach `slug` from this chat ("" when they may)."""
        owner = await self._catalog.owner(slug)
        return may_teach(owner, chat_id, bot_admin=bot_admin, chat_admin=chat_admin)

    async def article_id(self, ref: str) -> str | None:
        """The stored article a button refers to, or None when it is gone."""
        return await self._storage.feedback.article_by_ref(ref)

    async def confirm(self, slug: str, article_id: str, verdict: str, user_id: int) -> Example:
        """Record a judgement on a stored article with the storyline's terms it names, and
        reweigh the matcher at once. KeyError when the storyline or the article is gone.
        """
        if verdict not in (NOT_ABOUT, MORE_LIKE):
            raise ValueError(f"unknown feedback verdict {verdict!r}")
        if slug not in self._catalog:
            raise KeyError(slug)
        article = await self._storage.articles.get(article_id)
        if article is None:
            raise KeyError(article_id)
        terms = self._pipeline.matcher.storyline_terms(slug, article.title, article.text)
        example = Example(slug, article_id, verdict, terms)
        await self._storage.feedback.record(example, user_id)
        await self._pipeline.load_feedback()
        return example

    async def near_misses(self, slug: str, limit: int = 2) -> list[NearMiss]:
        """The recent items `slug` came closest to matching without matching them (highest
        score first), left out those already judged for it: where "more like this" helps.

        Judged on the event loop, one item at a time, by the matcher the pipeline uses (with
        the archive's term counts and readers' feedback).
        """
        if slug not in self._catalog or limit < 1:
            return []
        judged = {e.article_id for e in await self._storage.feedback.examples() if e.slug == slug}
        since = self._clock() - timedelta(days=ARCHIVE_DAYS)
        matcher = self._pipeline.matcher
        found: list[NearMiss] = []
        for article in await self._storage.articles.recent(since, limit=NEAR_MISS_SCAN):
            await asyncio.sleep(0)  # a diagnosis is milliseconds of CPU: let others run between
            if article.id in judged:
                continue
            published = None if article.published_missing else article.published
            verdicts = matcher.diagnose(article.id, article.title, article.text, published)
            mine = near_miss(verdicts, slug)
            if mine is not None:
                instead = tuple(v.slug for v in verdicts if v.matched)
                found.append(NearMiss(article, mine.score, mine.reason, instead))
        found.sort(key=lambda n: (-n.score, -n.article.published.timestamp(), n.article.id))
        return found[:limit]
