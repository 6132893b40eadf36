"""Readers' relevance feedback: who may teach a storyline, and recording a confirmed judgement.

A storyline is taught by the chat that made it (in a group, by one of its administrators) or by
a bot admin; storylines from files only by a bot admin. Anyone else is refused with that reason
and nothing is recorded: a storyline's matching is its owner's to change.
"""

from __future__ import annotations

from bot.services.pipeline import Pipeline
from bot.services.storylines import StorylineCatalog
from bot.storage.ports import StoragePort
from bot.storylines.feedback import MORE_LIKE, NOT_ABOUT, Example

# The first 16 hex digits of an article id name it in callback data (see keyboards.py).
ARTICLE_REF_LEN = 16
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


class FeedbackService:
    """Records confirmed judgements and keeps the matcher's feedback weights current."""

    def __init__(self, storage: StoragePort, catalog: StorylineCatalog, pipeline: Pipeline) -> None:
        self._storage = storage
        self._catalog = catalog
        self._pipeline = pipeline

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
