"""Chats: registration, subscriptions, settings, pause and resume, and the digest schedule.

The one place that computes a chat's next digest and stores it (`_next_digest`, `_reschedule`):
after a change of timezone, digest times or quiet hours, on resume, at start-up for chats that
lack one (all of them in one transaction, `rebuild_schedules`), and after each digest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from bot.briefings.catchup import catch_up_messages
from bot.briefings.digest import ScheduleError, next_digest_at, quiet_hours_end
from bot.clock import Clock
from bot.config import DigestSettings
from bot.services.storylines import StorylineCatalog, storyline_visible
from bot.storage.chats import CHAT_TYPES, INSTANT_MODES, ChatState, Subscription
from bot.storage.outbox import OutboxMessage
from bot.storage.ports import ChatRepository, OutboxRepository

__all__ = ["ChatService", "ChatState", "Recipient", "Subscription"]

log = logging.getLogger(__name__)

# How long an instance holds a due digest it is producing (a dead one's is taken over at once).
DIGEST_LEASE = timedelta(minutes=10)

DEFAULT_HELD_LIMIT = 50


OPTIONS = ("show_why", "silent", "link_previews", "trip_maps")  # per-chat reader options, on/off


class Recipient(NamedTuple):
    """A chat that gets a storyline's briefing: when its quiet hours end (None: not quiet now),
    while it is paused how many briefings its hold keeps (None: not paused), its options, and
    whether it is a channel (its briefings are posts: no buttons its readers could not use).
    """

    sub: Subscription
    quiet_until: datetime | None
    held_limit: int | None
    show_why: bool = True
    silent: bool = False
    link_previews: bool = False
    channel: bool = False
    trip_maps: bool = True


def _next_digest(state: ChatState, now: datetime) -> datetime | None:
    """When the chat's next digest is due after `now`; None without digest times.

    Raises ScheduleError for a timezone or time the schedule cannot use.
    """
    return next_digest_at(list(state.digest_times), state.timezone, now, state.quiet)


class ChatService:
    """What a chat asks of the bot, and the digest schedule that follows from its settings."""

    def __init__(
        self,
        chats: ChatRepository,
        outbox: OutboxRepository,
        catalog: StorylineCatalog,
        settings: DigestSettings,
        clock: Clock,
        *,
        held_limit: int = DEFAULT_HELD_LIMIT,
    ) -> None:
        self._chats = chats
        self._outbox = outbox
        self._catalog = catalog
        self._settings = settings
        self._clock = clock
        self.held_limit = max(1, held_limit)

    # ------------------------------------------------------------ the chat itself

    async def ensure(self, chat_id: int, chat_type: str, title: str) -> ChatState:
        """The chat's state, registering it (with the default schedule) when it is new."""
        kind = chat_type if chat_type in CHAT_TYPES else "private"
        state = await self._chats.ensure(
            chat_id,
            kind,
            title,
            timezone=self._settings.default_timezone,
            digest_times=self._settings.default_times,
            now=self._clock(),
        )
        if state.next_digest_at is None and state.digest_times and not state.paused:
            state = await self._reschedule(state)
        return state

    async def get(self, chat_id: int) -> ChatState | None:
        """The chat's state, or None for a chat the bot does not know."""
        return await self._chats.get(chat_id)

    async def count(self) -> int:
        """How many chats are active."""
        return await self._chats.count()

    async def set_timezone(self, state: ChatState, timezone: str) -> ChatState:
        """Set the chat's time zone and schedule its next digest in it."""
        return await self._change(state, timezone=timezone)

    async def set_digest_times(self, state: ChatState, times: Iterable[str]) -> ChatState:
        """Set the chat's digest times (sorted) and schedule the next digest."""
        return await self._change(state, digest_times=sorted(times))

    async def set_quiet_hours(
        self, state: ChatState, quiet: tuple[str, str] | None
    ) -> ChatState:
        """Set the chat's quiet hours, or clear them with None, and schedule the next digest."""
        start, end = quiet if quiet else (None, None)
        return await self._change(state, quiet_start=start, quiet_end=end)

    async def set_option(self, state: ChatState, name: str, value: bool) -> ChatState:
        """Switch one reader option (OPTIONS) on or off; it applies to what is queued next."""
        if name not in OPTIONS:
            raise ValueError(f"unknown chat option {name!r}; expected one of {', '.join(OPTIONS)}")
        return await self._chats.update(state.chat_id, **{name: bool(value)}) or state

    async def set_paused(self, state: ChatState, paused: bool) -> ChatState:
        """Pause or resume every delivery; resuming queues what was held as one catch-up and
        schedules the next digest afresh.
        """
        state = await self._chats.update(state.chat_id, paused=paused) or state
        if not paused:
            await self.release_held(state)
            state = await self._reschedule(state)
        return state

    async def release_held(self, state: ChatState) -> int:
        """Queue the briefings held during a pause as one catch-up; returns how many it carries."""
        now = self._clock()
        limit = self.held_limit

        def compose(rows: Sequence[OutboxMessage], dropped: int) -> list[str]:
            return catch_up_messages([r.text for r in rows], dropped, limit)

        return await self._outbox.merge_held(
            state.chat_id, compose, f"catch-up:{now.isoformat()}", now,
            silent=state.silent, link_previews=state.link_previews,
        )

    async def held_count(self, chat_id: int) -> int:
        """How many briefings wait for the chat's /resume."""
        return await self._outbox.held_count(chat_id)

    async def removed(self, chat_id: int) -> None:
        """The bot was blocked or removed there: deliver nothing more to a chat we know."""
        if await self._chats.get(chat_id) is not None:
            await self._chats.deactivate(chat_id)

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings, subscriptions, storylines and queued
        messages follow the new id.
        """
        await self._chats.migrate(old_id, new_id)
        await self._outbox.move_chat(old_id, new_id, self._clock())
        self._catalog.forget_owners()  # its private storylines now belong to the new id

    # ------------------------------------------------------------ subscriptions

    async def subscribe(self, chat_id: int, slug: str, thread_id: int | None) -> bool:
        """Follow a storyline (instant and digest); True when new."""
        return await self._chats.subscribe(chat_id, slug, thread_id=thread_id, now=self._clock())

    async def unsubscribe(self, chat_id: int, slug: str) -> bool:
        """Stop following a storyline; True when the chat followed it."""
        return await self._chats.unsubscribe(chat_id, slug)

    async def set_mode(self, chat_id: int, slug: str, mode: str) -> bool:
        """Change how the chat follows a storyline (`mode`); True when it followed it."""
        return await self._chats.set_mode(chat_id, slug, mode)

    async def subscriptions(self, chat_id: int) -> list[Subscription]:
        """The chat's subscriptions, by slug."""
        return await self._chats.subscriptions(chat_id)

    async def instant_recipients(self, slug: str) -> list[Recipient]:
        """Who gets a briefing of `slug` at once: paused chats too (theirs is held for /resume);
        chats that may not see the storyline are left out.
        """
        subscribers = await self._chats.subscribers(slug, modes=INSTANT_MODES, include_paused=True)
        if not subscribers:
            return []
        owners = await self._catalog.owners()
        now = self._clock()
        visible = [sub for sub in subscribers if storyline_visible(owners, slug, sub.chat_id)]
        # One read for all the chats: a briefing to a thousand subscribers is not a thousand queries.
        chats = await self._chats.get_many(sub.chat_id for sub in visible)
        out = []
        for sub in visible:
            chat = chats.get(sub.chat_id)
            quiet = quiet_hours_end(chat.quiet, chat.timezone, now) if chat else None
            if chat is None:
                out.append(Recipient(sub, quiet, None))
                continue
            held = self.held_limit if chat.paused else None
            out.append(
                Recipient(
                    sub, quiet, held, chat.show_why, chat.silent, chat.link_previews,
                    channel=chat.type == "channel", trip_maps=chat.trip_maps,
                )
            )
        return out

    # ------------------------------------------------------------ the digest schedule

    async def take_due_digests(self, now: datetime, holder: str) -> list[ChatState]:
        """Chats whose digest is due at `now`, taken for the instance `holder`: with several
        instances on one database, each due digest is produced by one (digest_done ends it).
        """
        return await self._chats.claim_due_digests(now, holder, DIGEST_LEASE)

    async def digest_done(self, state: ChatState, at: datetime) -> None:
        """Record the digest produced at `at` and schedule the next one."""
        try:
            next_at = _next_digest(state, at)
        except ScheduleError as exc:
            log.warning("chat %s: digest schedule unusable (%s); digests stop", state.chat_id, exc)
            next_at = None
        await self._chats.mark_digest(state.chat_id, at, next_at)

    async def mark_read(self, chat_id: int, shown_at: datetime) -> datetime | None:
        """Move the chat's "since" mark to when a digest it asked for was shown, so the next
        digest starts there; the schedule stays. Never into the future (the time comes from a
        button anyone could forge) and never back. Returns the new mark, or None when the mark is
        already there or later, or the chat is unknown.
        """
        state = await self._chats.get(chat_id)
        at = min(shown_at, self._clock())
        if state is None or (state.last_digest_at is not None and state.last_digest_at >= at):
            return None
        await self._chats.mark_digest(chat_id, at, state.next_digest_at)
        return at

    async def rebuild_schedules(self) -> int:
        """Give every active chat with digest times a next digest; returns how many were set.

        Stored in one transaction: one per chat made a start with 1,000 chats on PostgreSQL
        take 6-10 s (`python -m bench multi`, `multi_start_schedules_s`: now about 0.1 s).
        """
        now = self._clock()
        schedule: dict[int, datetime] = {}
        for chat in await self._chats.list(active_only=True):
            if chat.next_digest_at is not None or not chat.digest_times or chat.paused:
                continue
            try:
                when = _next_digest(chat, now)
            except ScheduleError as exc:
                log.warning("chat %s has an unusable schedule: %s", chat.chat_id, exc)
                continue
            if when is not None:
                schedule[chat.chat_id] = when
        await self._chats.set_next_digests(schedule)
        return len(schedule)

    async def _change(self, state: ChatState, **changes: object) -> ChatState:
        """Change settings the schedule depends on, then schedule the next digest afresh."""
        state = await self._chats.update(state.chat_id, **changes) or state
        return await self._reschedule(state)

    async def _reschedule(self, state: ChatState) -> ChatState:
        when = _next_digest(state, self._clock())
        return await self._chats.update(state.chat_id, next_digest_at=when) or state
