"""The whole pipeline on the seed feeds: poll → store → match → extract → outbox → digest.

Runs against the `storage` fixture (SQLite, and PostgreSQL when configured), with a moving clock.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build
from bot.clock import ManualClock
from bot.config import FeedEntry, StorylineSettings, load_settings

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SLUG = "pompeo-asia-trip-2018"
INSTANT_CHAT, DIGEST_CHAT, UNSUBSCRIBED_CHAT = 101, 202, 303

pytestmark = pytest.mark.slow  # loads the spaCy pipeline once per test


def _settings():
    base = load_settings(None)
    feeds = sorted(f for f in (SEEDS / "feeds").iterdir() if f.suffix in (".xml", ".atom"))
    return dataclasses.replace(
        base,
        feeds=dataclasses.replace(
            base.feeds,
            sources=tuple(FeedEntry(url=f.as_uri()) for f in feeds),
            allow_private=True,  # the seed feeds are local files
        ),
        storylines=StorylineSettings(paths=(str(SEEDS / "storylines"),)),
    )


@pytest.fixture
async def app(storage):
    clock = ManualClock(datetime(2018, 10, 8, 6, 0, tzinfo=UTC))
    built = await build(_settings(), storage=storage, clock=clock)
    try:
        yield built
    finally:
        await built.close()


async def test_seed_feeds_to_instant_briefings_exactly_once(app) -> None:
    """Related items reach the instant subscriber once each, unrelated ones nobody, a re-poll adds nothing."""
    chats = app.storage.chats
    now = app.clock()
    for chat_id, mode in ((INSTANT_CHAT, "instant"), (DIGEST_CHAT, "digest")):
        await chats.ensure(chat_id, now=now)
        await chats.subscribe(chat_id, SLUG, mode, now=now)
    await chats.ensure(UNSUBSCRIBED_CHAT, now=now)

    reports = await app.pipeline.poll_cycle()
    assert reports
    assert all(r.outcome == "new" for r in reports), [r.describe() for r in reports]
    articles = [a for r in reports for a in r.new_items]
    matched = {m.article_id for a in articles for m in await app.storage.matches.for_article(a.id)}
    assert 0 < len(matched) < len(articles)  # some items are about the story, some are not

    outbox = app.storage.outbox
    queued = await outbox.for_chat(INSTANT_CHAT)
    # The seed trip's reports bring its itinerary map once, after the briefing of the first one.
    maps = [m for m in queued if m.kind == "map"]
    instant = [m for m in queued if m.kind != "map"]
    assert [m.text for m in maps] == [SLUG]
    assert maps[0].dedupe_key.startswith(f"map:{SLUG}:")
    assert maps[0].id > min(m.id for m in instant if m.kind == "briefing")
    pompeo_ids = {a.id for a in articles if any(m.slug == SLUG for m in await app.storage.matches.for_article(a.id))}
    assert {m.dedupe_key.split(":")[1] for m in instant} == pompeo_ids
    assert all(len(m.text) <= 4096 for m in instant)
    # An item about events the chat was already briefed on updates that briefing instead.
    briefings = {m.dedupe_key for m in instant if m.kind == "briefing"}
    updates = [m for m in instant if m.kind == "edit"]
    assert {m.kind for m in instant} <= {"briefing", "edit"}
    assert all(m.edit_of in briefings for m in updates)
    assert all(m.follow_up for m in updates)
    assert updates  # the seed feeds tell some meetings from more than one outlet
    assert await outbox.for_chat(DIGEST_CHAT) == []
    assert await outbox.for_chat(UNSUBSCRIBED_CHAT) == []

    # The briefing says who met whom and why the item matched.
    texts = "\n".join(m.text for m in instant)
    assert "Why:" in texts
    assert "Pompeo" in texts
    assert "Happened" in texts or "Planned" in texts

    # Polling again later: the file feeds are unchanged, so nothing new is stored or queued.
    app.clock.advance(hours=1)
    again = await app.pipeline.poll_cycle(force=True)
    assert all(not r.new_items for r in again)
    assert len(await outbox.for_chat(INSTANT_CHAT)) == len(queued)


async def test_digest_due_at_local_time_is_queued_once(app) -> None:
    """A digest chat gets one digest at its time with the same meeting listed once; running again queues nothing."""
    chats = app.storage.chats
    now = app.clock()
    await chats.ensure(DIGEST_CHAT, timezone="Asia/Seoul", digest_times=("18:00",), now=now)
    await chats.subscribe(DIGEST_CHAT, SLUG, "digest", now=now)
    due = datetime(2018, 10, 8, 9, 0, tzinfo=UTC)  # 18:00 in Seoul
    await chats.update(DIGEST_CHAT, next_digest_at=due, last_digest_at=now - timedelta(days=3))
    await app.pipeline.poll_cycle()

    assert await app.pipeline.run_due_digests() == 0  # not yet 18:00 in Seoul
    app.clock.now = due
    assert await app.pipeline.run_due_digests() >= 1
    digest = await app.storage.outbox.for_chat(DIGEST_CHAT)
    assert digest
    assert all(m.kind == "digest" for m in digest)
    assert "Your digest" in digest[0].text
    assert await app.pipeline.run_due_digests() == 0  # already done for this slot
    state = await chats.get(DIGEST_CHAT)
    assert state.next_digest_at == datetime(2018, 10, 9, 9, 0, tzinfo=UTC)


async def test_timeline_and_who_draw_on_extractions(app) -> None:
    """/timeline lists dated entries with sources; /who finds a participant's meetings."""
    await app.pipeline.poll_cycle()
    timeline = "\n".join(await app.reading.timeline(SLUG, fmt="txt"))
    assert "Timeline:" in timeline
    assert "Pompeo" in timeline
    who = "\n".join(await app.reading.who("Pompeo", fmt="txt"))
    assert "Pompeo" in who


async def test_quiet_hours_hold_instant_briefings_until_they_end(app) -> None:
    """A chat in quiet hours gets its instant briefings queued for the end of the quiet spell, none dropped."""
    chats = app.storage.chats
    now = app.clock()  # 06:00 UTC = 15:00 in Seoul
    await chats.ensure(INSTANT_CHAT, timezone="Asia/Seoul", now=now)
    await chats.update(INSTANT_CHAT, quiet_start="14:00", quiet_end="16:30")
    await chats.subscribe(INSTANT_CHAT, SLUG, "instant", now=now)
    await app.pipeline.poll_cycle()
    queued = await app.storage.outbox.for_chat(INSTANT_CHAT)
    assert queued
    assert all(m.not_before == datetime(2018, 10, 8, 7, 30, tzinfo=UTC) for m in queued)


async def test_articles_stored_before_a_crash_are_briefed_at_restart(app) -> None:
    """Articles stored but never matched (a crash mid-cycle) are briefed by reprocess_recent, once."""
    chats = app.storage.chats
    now = app.clock()
    await chats.ensure(INSTANT_CHAT, now=now)
    await chats.subscribe(INSTANT_CHAT, SLUG, "instant", now=now)
    reports = await app.pipeline.poll_cycle(process=False)  # stored, then "the process died"
    assert any(r.new_items for r in reports)
    assert await app.storage.outbox.for_chat(INSTANT_CHAT) == []
    assert await app.pipeline.reprocess_recent() > 0
    first = await app.storage.outbox.for_chat(INSTANT_CHAT)
    assert first
    await app.pipeline.reprocess_recent()  # a second restart queues nothing new
    assert len(await app.storage.outbox.for_chat(INSTANT_CHAT)) == len(first)


async def test_timeline_keeps_to_the_window_and_lists_a_stop_once(app) -> None:
    """Timeline entries lie inside the storyline's window (3 days' slack) and no place appears twice for one phase."""
    import re

    await app.pipeline.poll_cycle()
    lines = "\n".join(await app.reading.timeline(SLUG, fmt="txt")).splitlines()[1:]
    story = app.storylines[SLUG]
    for line in lines:
        m = re.match(r"\s+\w{3} (\d+ \w{3} \d{4})\s+\[(\S+)\]", line)
        if m:
            when = datetime.strptime(m.group(1), "%d %b %Y").replace(tzinfo=UTC).date()
            assert when >= story.window_start - timedelta(days=3), line
    stops = [line for line in lines if "] Mike Pompeo in " in line or "] Mike Pompeo visited " in line]
    places = [line.split(" in ")[-1].split(" visited ")[-1].split("  (")[0] for line in stops]
    assert len(places) == len(set(places)), stops


async def test_a_missing_language_model_still_sends_briefings_that_say_so(storage) -> None:
    """With a model name that is not installed, items are still matched and briefed, saying what is missing."""
    settings = _settings()
    settings = dataclasses.replace(settings, extract=dataclasses.replace(settings.extract, model="no_such_model_xx"))
    app = await build(settings, storage=storage, clock=ManualClock(datetime(2018, 10, 8, 6, 0, tzinfo=UTC)))
    try:
        await app.storage.chats.ensure(INSTANT_CHAT, now=app.clock())
        await app.storage.chats.subscribe(INSTANT_CHAT, SLUG, "instant", now=app.clock())
        await app.pipeline.poll_cycle()
        queued = await app.storage.outbox.for_chat(INSTANT_CHAT)
        assert queued
        assert all("not extracted" in m.text and "no_such_model_xx" in m.text for m in queued)
        assert "no_such_model_xx" in (app.pipeline.extractions.error or "")
    finally:
        await app.close()
