"""End to end: the real PTB application against the fake Bot API over real HTTP on 127.0.0.1.

A user sends commands and presses buttons through the fake server; the bot's answers are read
back from it with event-based waits. Time moves on an injected ManualClock; nothing sleeps.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot import app as app_module
from bot.clock import ManualClock
from bot.config import DigestSettings, FeedEntry, FeedSettings, Settings, TelegramSettings
from bot.models import Actor, Extraction, Storyline
from bot.telegram import keyboards as kb
from bot.telegram.application import build_application, serve
from bot.telegram.fake import DEFAULT_TOKEN, BotMessage, FakeBotAPI, RateLimits

ADMIN = 500
USER = 101
START = datetime(2025, 5, 12, 6, 0, tzinfo=UTC)

STORY = Storyline(
    slug="gulf-tour-2025",
    title="Foreign minister's Gulf tour",
    actors=(Actor("Lena Hartmann", aliases=("Hartmann",), role="Foreign Minister"),),
    places=("Doha", "Muscat"),
    keywords=("talks",),
)
OTHER = Storyline(
    slug="arctic-council",
    title="Arctic Council talks",
    actors=(Actor("Anders Lund", aliases=("Lund",)),),
    places=("Tromso",),
)

# Our own test text, in the shape of a wire story.
FEED_ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>
<description>Test feed</description>
<item>
  <title>Hartmann arrives in Doha for talks on shipping lanes</title>
  <link>https://wire.example/2025/05/hartmann-doha</link>
  <guid>wire-1</guid>
  <pubDate>Mon, 12 May 2025 05:30:00 GMT</pubDate>
  <description>Foreign Minister Lena Hartmann arrived in Doha on Monday for talks with
  Qatari officials about shipping lanes, her office said.</description>
</item>
</channel></rss>
"""


class NoExtraction:
    """The extractor seam: these tests are about Telegram, so no language model is loaded."""

    def extract(self, article_id: str, title: str, text: str, published: datetime) -> Extraction:
        return Extraction(article_id=article_id, notes=("no extractor in this test",))


@dataclass
class BotEnv:
    api: FakeBotAPI
    app: Any
    application: Any
    clock: ManualClock
    feed_path: Path

    async def send(
        self, chat_id: int, text: str, *, predicate=None, wait_s: float = 5.0, **kwargs: Any
    ) -> BotMessage:
        """A user writes `text`; returns the bot's first matching answer in that chat."""
        self.api.user_sends(chat_id, text, **kwargs)
        return await self.api.wait_for_message(chat_id, predicate, wait_s)

    async def press(
        self, message: BotMessage, data: str, *, predicate=None, user_id: int | None = None
    ) -> dict[str, Any]:
        """A user presses a button; returns Telegram's callback answer.

        Updates of one chat are handled in order, so once a later message in the same chat is
        answered, the press has been handled completely (its edit and its answer are in).
        """
        answers_before = len(self.api.callback_answers)
        query_id = self.api.user_presses(message.chat_id, message.message_id, data, user_id=user_id)
        await self.send(
            message.chat_id,
            "/help",
            user_id=user_id,
            predicate=lambda m: m.edits == 0 and m.text.startswith("What I can do"),
        )
        if predicate is not None:
            assert predicate(self.current(message)), f"after pressing {data!r}: {self.current(message)}"
        for answer in self.api.callback_answers[answers_before:]:
            if str(answer.get("callback_query_id")) == query_id:
                return answer
        raise AssertionError(f"callback query {query_id} ({data!r}) was never answered")

    def current(self, message: BotMessage) -> BotMessage:
        """The message as it is now (after edits)."""
        return next(
            m for m in self.api.messages(message.chat_id) if m.message_id == message.message_id
        )


def settings_for(tmp_path: Path, feed_url: str, *more_feeds: FeedEntry) -> Settings:
    return Settings(
        database=Settings().database,
        # the test feeds are local files
        feeds=FeedSettings(
            sources=(FeedEntry(url=feed_url, title="Test Wire"), *more_feeds), allow_private=True
        ),
        telegram=TelegramSettings(admins=(ADMIN,), max_retries=3),
        digest=DigestSettings(default_timezone="UTC", default_times=("08:00",)),
    )


@asynccontextmanager
async def running_bot(
    storage,
    tmp_path: Path,
    *,
    limits: RateLimits,
    per_chat_spacing_s: float,
    extractor: Any = None,
    more_feeds: tuple[FeedEntry, ...] = (),
) -> AsyncIterator[BotEnv]:
    """The real application against the fake Bot API with these flood limits, its replies
    spaced `per_chat_spacing_s` apart per private chat; no language model unless `extractor`;
    `more_feeds` besides the test wire."""
    feed_path = tmp_path / "wire.xml"
    feed_path.write_text(FEED_ITEM.replace("<item>", "<!--<item>").replace("</item>", "</item>-->"))
    clock = ManualClock(START)
    settings = settings_for(tmp_path, feed_path.as_uri(), *more_feeds)
    settings = dataclasses.replace(
        settings,
        telegram=dataclasses.replace(settings.telegram, per_chat_spacing_s=per_chat_spacing_s),
    )
    app = await app_module.build(
        settings, storage=storage, clock=clock, storylines=[STORY, OTHER],
        extractor=extractor or NoExtraction(),
    )
    async with FakeBotAPI(limits=limits) as api:
        application = build_application(app, DEFAULT_TOKEN, base_url=api.base_url, tick_interval=None)
        stop = asyncio.Event()
        started = asyncio.Event()
        task = asyncio.create_task(
            serve(application, stop, poll_timeout=1, started=started, deliver_in_background=False)
        )
        await asyncio.wait_for(started.wait(), 10)
        try:
            yield BotEnv(api, app, application, clock, feed_path)
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)
            await app.http.aclose()


@pytest.fixture
async def bot_env(storage, tmp_path: Path) -> AsyncIterator[BotEnv]:
    # Interactive tests send several replies a second into one chat: neither flood limits nor
    # reply pacing here (they have their own tests, e.g. test_bot_pause_and_pacing).
    async with running_bot(
        storage, tmp_path, limits=RateLimits(enabled=False), per_chat_spacing_s=0.0
    ) as env:
        yield env


def buttons(message: BotMessage) -> dict[str, str]:
    return {b["text"]: b["callback_data"] for b in message.buttons}


# ------------------------------------------------------------------ conversation


async def test_start_greets_and_shows_storylines_as_buttons(bot_env: BotEnv):
    """/start explains the bot and offers every storyline as a Subscribe button."""
    reply = await bot_env.send(USER, "/start")
    assert "Attaché" in reply.text
    assert reply.parse_mode == "HTML"
    data = {b["callback_data"] for b in reply.buttons}  # every ℹ️ has the same label
    assert {d for d in data if d.startswith("sub:")} == {"sub:gulf-tour-2025:0", "sub:arctic-council:0"}
    assert {d for d in data if d.startswith("inf:")} == {"inf:gulf-tour-2025", "inf:arctic-council"}


async def test_set_my_commands_is_called_at_start_from_the_registry(bot_env: BotEnv):
    """The command menu is advertised at start and matches the /help list."""
    commands = next(iter(bot_env.api.commands.values()))
    names = {c["command"] for c in commands}
    assert {"start", "help", "subscribe", "latest", "track", "settings"} <= names
    assert "addfeed" not in names  # admin commands are not advertised to everyone
    help_reply = await bot_env.send(USER, "/help")
    for name in names:
        assert f"/{name}" in help_reply.text


async def test_pressing_subscribe_edits_the_message_in_place_and_stores_it(bot_env: BotEnv):
    """Subscribe toggles to Unsubscribe in the same message; the subscription is stored."""
    reply = await bot_env.send(USER, "/storylines")
    answer = await bot_env.press(
        reply,
        "sub:gulf-tour-2025:0",
        predicate=lambda m: m.message_id == reply.message_id and m.edits > 0,
    )
    assert "Subscribed" in answer.get("text", "")
    edited = bot_env.current(reply)
    assert edited.message_id == reply.message_id
    assert "uns:gulf-tour-2025:0" in buttons(edited).values()
    subs = await bot_env.app.storage.chats.subscriptions(USER)
    assert [s.slug for s in subs] == ["gulf-tour-2025"]
    await bot_env.press(
        edited, "uns:gulf-tour-2025:0", predicate=lambda m: m.message_id == reply.message_id and m.edits > 1
    )
    assert await bot_env.app.storage.chats.subscriptions(USER) == []


async def test_subscribe_command_validates_the_slug(bot_env: BotEnv):
    """/subscribe needs an existing slug; missing, unknown and huge arguments get clear answers."""
    missing = await bot_env.send(USER, "/subscribe")
    assert "Which storyline?" in missing.text
    assert set(buttons(missing).values()) == {"pk:subscribe:gulf-tour-2025", "pk:subscribe:arctic-council"}
    unknown = await bot_env.send(USER, "/subscribe no-such-story")
    assert "don't know a storyline" in unknown.text
    assert "gulf-tour-2025" in unknown.text
    strange = await bot_env.send(USER, "/subscribe <b>x</b>&amp;")
    assert "<b>x</b>" in strange.text  # shown escaped, as typed, not as markup
    huge = await bot_env.send(USER, "/subscribe " + "x" * 3000)
    assert "too long" in huge.text
    ok = await bot_env.send(USER, "/subscribe GULF-TOUR-2025")
    assert "Subscribed" in ok.text
    again = await bot_env.send(USER, "/subscribe gulf-tour-2025")
    assert "already follows" in again.text
    mine = await bot_env.send(USER, "/mysubs")
    assert "Foreign minister's Gulf tour" in mine.text
    gone = await bot_env.send(USER, "/unsubscribe gulf-tour-2025")
    assert "Unsubscribed" in gone.text


async def test_unknown_commands_and_free_text_get_a_helpful_answer(bot_env: BotEnv):
    """An unknown command or plain text is answered with a pointer to /help."""
    unknown = await bot_env.send(USER, "/frobnicate now")
    assert "/frobnicate" in unknown.text
    assert "/help" in unknown.text
    text = await bot_env.send(USER, "hello there")
    assert "/help" in text.text


async def test_forged_and_stale_callback_data_get_a_clear_answer(bot_env: BotEnv):
    """Forged, malformed or stale button data is refused with an alert; the bot keeps working."""
    reply = await bot_env.send(USER, "/start")
    forged = await bot_env.press(reply, "sub:../../etc:0")
    assert forged.get("show_alert")
    assert "not valid" in forged["text"]
    unknown = await bot_env.press(reply, "drop:tables")
    assert "no longer valid" in unknown["text"]
    stale = await bot_env.press(reply, "sub:deleted-story:0")
    assert "no longer exists" in stale["text"]
    assert await bot_env.app.storage.chats.subscriptions(USER) == []
    still = await bot_env.send(USER, "/help")
    assert "/storylines" in still.text


# ------------------------------------------------------------------ admins


async def test_admin_commands_refuse_non_admins(bot_env: BotEnv):
    """/addfeed, /feeds, /removefeed and /status answer non-admins with a refusal."""
    for command in ("/addfeed https://example.org/rss", "/feeds", "/removefeed", "/status"):
        reply = await bot_env.send(USER, command)
        assert "administrators" in reply.text
    assert await bot_env.app.storage.feeds.get("https://example.org/rss") is None
    # a forged "remove feed" button from a non-admin removes nothing
    feed = (await bot_env.app.storage.feeds.list())[0]
    reply = await bot_env.send(USER, "/start")
    answer = await bot_env.press(reply, "rf:" + kb.short_hash(feed.url))
    assert "administrators" in answer["text"]
    assert await bot_env.app.storage.feeds.get(feed.url) is not None


async def test_admin_adds_lists_and_removes_feeds(bot_env: BotEnv):
    """An admin adds a feed (http(s) only), sees it in /feeds, removes it by button."""
    bad = await bot_env.send(ADMIN, "/addfeed file:///etc/passwd")
    assert "http://" in bad.text
    ok = await bot_env.send(ADMIN, "/addfeed https://news.example/rss.xml")
    assert "Added" in ok.text
    listing = await bot_env.send(ADMIN, "/feeds")
    assert "news.example/rss.xml" in listing.text
    menu = await bot_env.send(ADMIN, "/removefeed")
    target = next(d for t, d in buttons(menu).items() if "news.example" in t)
    answer = await bot_env.press(menu, target, predicate=lambda m: m.message_id == menu.message_id and m.edits > 0)
    assert answer["text"] == "Feed removed"
    assert await bot_env.app.storage.feeds.get("https://news.example/rss.xml") is None
    stale = await bot_env.press(menu, target)
    assert "already gone" in stale["text"]
    status = await bot_env.send(ADMIN, "/status")
    assert "Feeds: 1 active" in status.text  # the configured test wire; the added feed is gone
    assert "Last poll: never" in status.text
    assert "Outbox: 0 waiting; 0 sent" in status.text
    assert "Send budget: this instance's own" in status.text  # no Redis configured here


async def test_addfeed_refuses_internal_addresses_in_any_notation(bot_env: BotEnv):
    """With [feeds] allow_private off, /addfeed refuses loopback, metadata and private hosts
    however they are written, says why, and stores nothing."""
    app = bot_env.app
    app.settings = dataclasses.replace(
        app.settings, feeds=dataclasses.replace(app.settings.feeds, allow_private=False)
    )
    before = len(await app.storage.feeds.list())
    for url in (
        "http://127.0.0.1/rss",
        "http://[::1]/rss",
        "http://2130706433/rss",
        "http://0x7f.1/rss",
        "http://localhost:8080/rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/rss",
    ):
        reply = await bot_env.send(ADMIN, f"/addfeed {url}")
        assert "allow_private" in reply.text, (url, reply.text)
        assert "Added" not in reply.text, (url, reply.text)
    assert len(await app.storage.feeds.list()) == before


async def test_a_slow_command_in_one_chat_does_not_hold_up_another(bot_env: BotEnv, monkeypatch):
    """Chats are served concurrently; within one chat, answers keep the order of the messages."""
    release = asyncio.Event()
    started = asyncio.Event()

    async def slow_latest(slug: str, limit: int = 5, fmt: str = "html") -> list[str]:
        started.set()
        await release.wait()
        return ["<b>slow answer</b>"]

    monkeypatch.setattr(bot_env.app.reading, "latest", slow_latest)
    bot_env.api.user_sends(USER, "/latest gulf-tour-2025")
    await asyncio.wait_for(started.wait(), 5)
    bot_env.api.user_sends(USER, "/help")  # queued behind the slow command in the same chat
    other = await bot_env.send(USER + 50, "/help")
    assert "/storylines" in other.text
    assert bot_env.api.messages(USER) == []
    release.set()
    await bot_env.api.wait_for_message(USER, lambda m: "What I can do" in m.text, since=0)
    texts = [m.text for m in bot_env.api.messages(USER)]
    assert texts[0] == "slow answer"
    assert "What I can do" in texts[1]


async def test_start_with_a_storyline_link_opens_on_that_storyline(bot_env: BotEnv):
    """t.me/<bot>?start=<slug> arrives as '/start <slug>': the greeting names that storyline."""
    reply = await bot_env.send(USER, "/start arctic-council")
    assert "You came for Arctic Council talks" in reply.text
    assert "sub:arctic-council:0" in buttons(reply).values()
    odd = await bot_env.send(USER, "/start <no-such>")
    assert "You came for" not in odd.text
    assert odd.buttons
