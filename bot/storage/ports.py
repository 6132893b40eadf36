"""The ports the application services use: repositories, extractor and matcher as Protocols.

Each Protocol names only what a service calls, with the invariants an implementation keeps;
`bot.storage.Storage` and its repositories satisfy them, and tests may pass anything that
does. Times are aware datetimes in UTC; methods that take one refuse a naive value.
"""

from __future__ import annotations

import builtins
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from bot.models import Article, Extraction, Match, Storyline

if TYPE_CHECKING:
    from bot.events.briefed import Briefed, Told
    from bot.ops.figures import Figures
    from bot.storage.chats import ChatState, Subscription
    from bot.storage.feeds import FeedState
    from bot.storage.outbox import CatchUp
    from bot.storylines.distinct import TermStats
    from bot.storylines.feedback import Example, FeedbackWeights
    from bot.storylines.matcher import Verdict


class FeedRepository(Protocol):
    """Feeds by URL, each with its poll schedule and health.

    A URL is stored once; `add` of a known URL returns the stored state unchanged. A feed is
    "active", "backoff" (failing, next try at `next_poll_at`) or "disabled" (not polled until
    enabled). Removing a feed keeps the articles read from it.
    """

    async def add(self, url: str, title: str = "") -> FeedState: ...
    async def get(self, url: str) -> FeedState | None: ...
    async def list(self) -> builtins.list[FeedState]:
        """Every feed, disabled ones included, in a stable order."""
        ...

    async def due(self, now: datetime, limit: int | None = None) -> builtins.list[FeedState]:
        """Feeds not disabled whose `next_poll_at` is at or before `now`, and that no live
        instance is polling."""
        ...

    async def lease_due(
        self, now: datetime, holder: str, lease: timedelta, limit: int | None = None
    ) -> builtins.list[FeedState]:
        """The due feeds, each taken for `holder` until `now + lease` so that no other
        instance polls it meanwhile (a dead holder's lease is free at once). `save` ends it."""
        ...

    async def end_leases(self, holder: str, urls: Iterable[str] | None = None) -> int:
        """Give back `holder`'s feed leases (all, or those of `urls`) without a poll saved."""
        ...

    async def save(self, state: FeedState) -> FeedState:
        """Store a feed's state as given (the poller decides it); the URL must be known."""
        ...

    async def save_polls(
        self, polls: Sequence[tuple[FeedState, Sequence[Article]]]
    ) -> builtins.list[builtins.list[Article]]:
        """Several feeds' new articles and states in one transaction; per feed, what was stored."""
        ...

    async def remove(self, url: str) -> bool: ...
    async def enable(self, url: str) -> FeedState | None:
        """A disabled feed active again and due now; None when the URL is unknown."""
        ...


class ArticleRepository(Protocol):
    """Articles, deduplicated within and across feeds.

    An article is stored once: one with the id, canonical URL or content hash of a stored one is
    skipped, never merged. Stored articles are not changed afterwards.
    """

    async def add_many(self, articles: Sequence[Article]) -> builtins.list[Article]:
        """Store the articles not seen before and return those, as stored, in input order."""
        ...

    async def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` that are stored."""
        ...

    async def get(self, article_id: str) -> Article | None:
        """One stored article, or None."""
        ...

    async def recent(self, since: datetime, limit: int = 100) -> builtins.list[Article]:
        """Articles published at or after `since`, newest first."""
        ...

    async def fetched_since(
        self, since: datetime, limit: int = 1000, *, after: tuple[datetime, str] | None = None
    ) -> builtins.list[Article]:
        """Articles first fetched at or after `since`, oldest first by (fetched_at, id);
        `after` continues a page from the (fetched_at, id) of its last article."""
        ...


class MatchRepository(Protocol):
    """Which stored article matched which storyline; one row per (article, storyline)."""

    async def add_many(self, matches: Sequence[Match]) -> None:
        """Store matches; a pair stored again is replaced. Every article must be stored."""
        ...

    async def for_storyline(
        self,
        slug: str,
        since: datetime | None = None,
        limit: int = 50,
        *,
        matched_since: datetime | None = None,
    ) -> builtins.list[tuple[Match, Article]]:
        """A storyline's matched articles, newest published first."""
        ...

    async def for_article(self, article_id: str) -> builtins.list[Match]:
        """The storylines an article matched."""
        ...


class ExtractionRepository(Protocol):
    """Extractions cached by (content hash, extractor version): a new version misses."""

    async def get(self, content_hash: str, version: str) -> Extraction | None: ...
    async def put(self, content_hash: str, version: str, extraction: Extraction) -> None:
        """Cache `extraction`, replacing an earlier one under the same key."""
        ...


class StorylineRepository(Protocol):
    """Storylines by slug, each shared with every chat or owned by one (made with /track).

    Removing a storyline removes its subscriptions and matches with it, so a slug used again
    later starts clean.
    """

    async def sync(self, items: Sequence[Storyline], owner_chat_id: int | None = None) -> None:
        """Insert or update each storyline by slug; storylines not named are kept."""
        ...

    async def add(self, storyline: Storyline, owner_chat_id: int | None = None) -> Storyline: ...
    async def list(self) -> builtins.list[Storyline]: ...
    async def owners(self) -> dict[str, int]:
        """slug → owner chat of every private storyline; shared ones are not listed."""
        ...

    async def count_owned(self, chat_id: int) -> int: ...
    async def set_owner(self, slug: str, owner_chat_id: int | None) -> bool:
        """Give a storyline to a chat, or share it (None); False when the slug is unknown."""
        ...

    async def remove(self, slug: str) -> bool: ...


class ChatRepository(Protocol):
    """Chats (timezone, digest times, quiet hours, pause) and their subscriptions.

    Storage only: the caller computes `next_digest_at` and passes it in. A paused or inactive
    chat is never returned as due or as a subscriber. A subscription is unique per
    (chat, storyline).
    """

    async def ensure(
        self,
        chat_id: int,
        type: str = "private",
        title: str = "",
        *,
        timezone: str = "UTC",
        digest_times: Sequence[str] = ("08:00",),
        now: datetime | None = None,
    ) -> ChatState:
        """The chat's state, created with these defaults when new; a known chat is
        re-activated and its title kept current, its settings left alone."""
        ...

    async def get(self, chat_id: int) -> ChatState | None: ...
    async def get_many(self, chat_ids: Iterable[int]) -> dict[int, ChatState]:
        """The known chats among `chat_ids`, by id, read in a few queries however many."""
        ...

    async def list(
        self, *, active_only: bool = False, chat_type: str | None = None
    ) -> builtins.list[ChatState]:
        """Chats by id; only active ones, or only those of one Telegram chat type, when asked."""
        ...

    async def update(self, chat_id: int, **changes: object) -> ChatState | None:
        """Change some settings; None when the chat is unknown. Unknown fields are refused."""
        ...

    async def count(self, *, active_only: bool = True) -> int: ...
    async def due_digests(self, now: datetime, limit: int | None = None) -> builtins.list[ChatState]:
        """Active, unpaused chats whose `next_digest_at` has come, soonest first."""
        ...

    async def claim_due_digests(
        self, now: datetime, holder: str, lease: timedelta, limit: int | None = None
    ) -> builtins.list[ChatState]:
        """The due digests no live instance is producing, taken for `holder` until
        `now + lease`: each due digest is made by one instance. `mark_digest` ends the lease."""
        ...

    async def mark_digest(self, chat_id: int, at: datetime, next_at: datetime | None) -> None:
        """A digest was produced at `at` for the chat and all its subscriptions; next at
        `next_at` (None: no more digests until the schedule changes)."""
        ...

    async def set_next_digests(self, schedule: Mapping[int, datetime]) -> None:
        """Next digest times for many chats in one transaction; only chats that have none yet
        are changed."""
        ...

    async def deactivate(self, chat_id: int) -> None: ...
    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings, subscriptions and storylines move."""
        ...

    async def subscribe(
        self,
        chat_id: int,
        slug: str,
        mode: str = "both",
        thread_id: int | None = None,
        *,
        now: datetime | None = None,
    ) -> bool:
        """Follow a storyline; True when new. Again: keeps the mode, updates the topic."""
        ...

    async def unsubscribe(self, chat_id: int, slug: str) -> bool: ...
    async def set_mode(self, chat_id: int, slug: str, mode: str) -> bool: ...
    async def subscriptions(self, chat_id: int) -> builtins.list[Subscription]:
        """The chat's subscriptions, by slug."""
        ...

    async def subscriptions_of(
        self, chat_ids: Iterable[int]
    ) -> dict[int, builtins.list[Subscription]]:
        """The subscriptions of many chats, by chat then slug, read in a few queries; a chat
        with none is absent."""
        ...

    async def subscribers(
        self, slug: str, modes: Iterable[str] = ..., *, include_paused: bool = False
    ) -> builtins.list[Subscription]:
        """Subscriptions to `slug` in `modes`, of chats that are active (and not paused, unless
        `include_paused`)."""
        ...


class OutboxRepository(Protocol):
    """Messages waiting to be sent; each (chat, dedupe key) is queued at most once."""

    async def enqueue(
        self,
        chat_id: int,
        text: str,
        dedupe_key: str,
        kind: str,
        thread_id: int | None = None,
        now: datetime | None = None,
        *,
        not_before: datetime | None = None,
        held_limit: int | None = None,
        silent: bool = False,
        link_previews: bool = False,
        edit_of: str | None = None,
        follow_up: str | None = None,
    ) -> bool:
        """Queue one message, not sent before `not_before`; False when the key was queued.
        An "edit" updates the chat's message queued under `edit_of`, or sends `follow_up` once
        that message can no longer be edited.

        The text must fit one Telegram message (split when rendered): a longer one raises
        MessageTooLong and nothing is stored. With `held_limit` it is held for a paused chat
        (at most that many per chat; the oldest beyond it are dropped and counted)."""
        ...

    async def merge_held(
        self,
        chat_id: int,
        compose: CatchUp,
        key: str,
        now: datetime,
        thread_id: int | None = None,
        *,
        silent: bool = False,
        link_previews: bool = False,
    ) -> int:
        """The chat's held rows become one catch-up queued now (texts by `compose`, given the
        held rows and how many were dropped); returns how many held rows it carries."""
        ...

    async def held_count(self, chat_id: int) -> int:
        """How many briefings wait for the chat's /resume."""
        ...

    async def depth(self) -> int:
        """How many messages wait to be sent."""
        ...

    async def chats_keyed_since(
        self, prefix: str, since: datetime, chat_ids: Collection[int]
    ) -> set[int]:
        """Which of `chat_ids` had a row queued since `since` under a key starting `prefix`."""
        ...

    async def move_chat(self, old_id: int, new_id: int, now: datetime) -> int:
        """Queued messages follow a migrated group to its new id; returns how many moved."""
        ...


class BriefedRepository(Protocol):
    """Which of a chat's briefing messages carries which events; one record per (chat, outbox
    key), gaining each further article's reports once."""

    async def recent(
        self, slug: str, chat_ids: Iterable[int], since: datetime
    ) -> dict[int, builtins.list[Briefed]]:
        """The chats' messages for `slug` recorded since `since`, by chat, oldest first."""
        ...

    async def add_many(
        self, messages: Sequence[Briefed], now: datetime, *, forget_before: datetime | None = None
    ) -> None:
        """Record new briefing messages; one recorded before is left as it is; their storylines'
        records made before `forget_before` are forgotten."""
        ...

    async def carry(self, message_id: int, reports: Sequence[Told], now: datetime) -> Briefed | None:
        """The message with `reports` added (an article's once); None when it is not recorded."""
        ...


class FiguresRepository(Protocol):
    """Read-only counts over every table: what the status, /healthz and /metrics show.

    Counted from the rows, so every instance on one database, and an instance after a restart,
    reads the same figures.
    """

    async def read(self, since: datetime, now: datetime) -> Figures:
        """The figures at `now`; new items are those fetched at or after `since`."""
        ...


class InstanceRegistry(Protocol):
    """The bot processes sharing one database. Only PostgreSQL coordinates them
    (`coordinated`); on SQLite there is one process."""

    coordinated: bool

    @property
    def id(self) -> str:
        """Names this instance in the feed leases, digest claims and outbox claims it holds."""
        ...

    async def running(self) -> builtins.list[str]:
        """The ids of the live instances (just this one when not coordinated)."""
        ...


class FeedbackRepository(Protocol):
    """Readers' confirmed relevance feedback, one judgement per (storyline, article)."""

    async def record(self, example: Example, decided_by: int) -> None:
        """Store a judgement (replacing an earlier one on the same pair); the article must be
        stored."""
        ...

    async def examples(self) -> builtins.list[Example]:
        """Every stored judgement, oldest first."""
        ...

    async def forget_storyline(self, slug: str) -> int:
        """Drop a deleted storyline's judgements; returns how many."""
        ...

    async def article_by_ref(self, ref: str) -> str | None:
        """The stored article whose id starts with `ref` (16 hex digits), or None."""
        ...


class StoragePort(Protocol):
    """The repositories of one open database."""

    @property
    def feeds(self) -> FeedRepository: ...
    @property
    def articles(self) -> ArticleRepository: ...
    @property
    def matches(self) -> MatchRepository: ...
    @property
    def extractions(self) -> ExtractionRepository: ...
    @property
    def storylines(self) -> StorylineRepository: ...
    @property
    def chats(self) -> ChatRepository: ...
    @property
    def outbox(self) -> OutboxRepository: ...
    @property
    def feedback(self) -> FeedbackRepository: ...
    @property
    def briefed(self) -> BriefedRepository: ...
    @property
    def figures(self) -> FiguresRepository: ...
    @property
    def instances(self) -> InstanceRegistry: ...
    async def close(self) -> None: ...


class ExtractorPort(Protocol):
    """Reads one article's meetings, trips, quotes, people and places. Pure and CPU-bound:
    the same input gives the same Extraction, so results are cached by content hash."""

    @property
    def nlp(self) -> object:
        """The language model, loaded on first use (slow; a missing model raises here)."""
        ...

    def extract(
        self, article_id: str, title: str | None, text: str, published: datetime | None
    ) -> Extraction: ...


class MatcherPort(Protocol):
    """Matches articles against a fixed set of storylines. Pure: no I/O, no clock.

    `stats` (document frequencies of storyline terms) weighs common terms down; None weighs
    every term fully.
    """

    stats: TermStats | None
    feedback: FeedbackWeights | None

    def match_article(self, article: Article) -> builtins.list[Match]: ...
    def terms_in(self, title: str | None, text: str | None) -> set[str]:
        """The storyline terms an item names, each once: what `TermStats` counts."""
        ...

    def storyline_terms(self, slug: str, title: str | None, text: str | None) -> tuple[str, ...]:
        """The terms of one storyline an item names: what a feedback example records."""
        ...

    def diagnose(
        self, article_id: str, title: str | None, text: str | None, published: datetime | None
    ) -> builtins.list[Verdict]:
        """Each storyline whose terms the item names: matched, or why not (best first)."""
        ...
