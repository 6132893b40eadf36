"""Publishing storylines to Telegram channels: who may post there, and what a channel gets.

A channel is a chat like any other to the outbox: one post there reaches all its readers, which
is how a storyline gets past the bot's overall limit of about 30 messages a second. A bot admin
publishes a shared storyline to a channel the bot administers with the right to post; the
channel then gets each new briefing as a post, paced like a group (20 a minute), without the
"Why it matched" line and without feedback buttons (readers of a channel cannot answer them),
and no digest on top of the instant posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.services.chats import ChatService
from bot.services.storylines import StorylineCatalog
from bot.storage.ports import ChatRepository

CHANNEL = "channel"
# A public channel's @username: 5-32 letters, digits and underscores, starting with a letter.
_USERNAME = re.compile(r"^@[A-Za-z][A-Za-z0-9_]{4,31}$")
# A channel's numeric id: supergroups and channels are -100 followed by their number.
_CHANNEL_ID = re.compile(r"^-100\d{1,13}$")

BAD_CHANNEL = (
    "Name the channel by its @username (5 to 32 letters, digits or _), or by its numeric id "
    "(-100…), e.g. /publish @diplomacy_news gulf-tour."
)
NOT_A_CHANNEL = "{name} is not a channel. Groups follow storylines with /subscribe there."
NOT_ADMIN_THERE = (
    "I am not an administrator of {name}. Add me to the channel as an administrator with "
    "“Post messages”, then /publish again."
)
NO_POST_RIGHT = (
    "I administer {name} but may not post there. Give me the “Post messages” right, then "
    "/publish again."
)
PRIVATE_STORYLINE = (
    "{slug} is private to the chat that made it. Share it with /share {slug} first: a "
    "channel's readers see what it publishes."
)


def channel_ref(text: str) -> str | int | None:
    """What the bot API takes as a channel: "@username", or its numeric id; None when `text`
    is neither.
    """
    text = text.strip()
    if _USERNAME.match(text):
        return text
    if _CHANNEL_ID.match(text):
        return int(text)
    return None


def posting_refusal(name: str, chat_type: str, status: str, can_post: bool | None) -> str:
    """Why the bot may not publish to chat `name` ("" when it may): it must be a channel where
    the bot is the creator, or an administrator with the right to post messages.
    """
    if chat_type != CHANNEL:
        return NOT_A_CHANNEL.format(name=name)
    if status == "creator":
        return ""
    if status != "administrator":
        return NOT_ADMIN_THERE.format(name=name)
    return "" if can_post else NO_POST_RIGHT.format(name=name)


@dataclass(frozen=True, slots=True)
class Publication:
    """A storyline a channel publishes."""

    chat_id: int
    channel_title: str
    slug: str
    title: str


class PublishingService:
    """Storylines published to channels: publish, unpublish, list."""

    def __init__(self, chats: ChatService, repo: ChatRepository, catalog: StorylineCatalog) -> None:
        self._chats = chats
        self._repo = repo
        self._catalog = catalog

    async def refusal(self, slug: str) -> str:
        """Why `slug` may not be published ("" when it may): a private storyline stays private."""
        if await self._catalog.owner(slug) is not None:
            return PRIVATE_STORYLINE.format(slug=slug)
        return ""

    async def publish(self, chat_id: int, channel_title: str, slug: str) -> bool:
        """Post each new briefing of `slug` to the channel from now on; True when new.

        The channel is registered with a channel's defaults: instant posts only, no digest,
        no "Why it matched" line.
        """
        if slug not in self._catalog:
            raise KeyError(slug)
        state = await self._chats.ensure(chat_id, CHANNEL, channel_title)
        if state.digest_times:
            state = await self._chats.set_digest_times(state, ())
        if state.show_why:
            await self._chats.set_option(state, "show_why", False)
        added = await self._chats.subscribe(chat_id, slug, None)
        await self._chats.set_mode(chat_id, slug, "instant")
        return added

    async def unpublish(self, chat_id: int, slug: str) -> bool:
        """Stop posting `slug` to the channel; True when it was published there."""
        state = await self._repo.get(chat_id)
        if state is None or state.type != CHANNEL:
            return False
        return await self._chats.unsubscribe(chat_id, slug)

    async def publications(self) -> list[Publication]:
        """Every storyline published to a channel the bot still posts to, by channel then title."""
        channels = await self._repo.list(active_only=True, chat_type=CHANNEL)
        subscriptions = await self._repo.subscriptions_of(chat.chat_id for chat in channels)
        out = [
            Publication(chat.chat_id, chat.title, sub.slug, self._catalog.title(sub.slug))
            for chat in channels
            for sub in subscriptions.get(chat.chat_id, [])
        ]
        return sorted(out, key=lambda p: (p.channel_title.lower(), p.chat_id, p.title.lower()))
