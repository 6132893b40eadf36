"""Chats and the storyline catalog as services over a real database: the digest schedule is
computed and stored in one place, and storyline owners are read once and kept current."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.config import DigestSettings
from bot.models import Storyline
from bot.services.chats import ChatService
from bot.services.storylines import StorylineCatalog

NOW = datetime(2031, 3, 3, 6, 30, tzinfo=UTC)  # a Monday
SHARED = Storyline(slug="river-accord", title="River accord")
PRIVATE = Storyline(slug="harbour-visit", title="Harbour visit")


class CountingOwners:
    """The storyline repository, counting how often owners are read."""

    def __init__(self, repo) -> None:  # type: ignore[no-untyped-def]
        self.repo = repo
        self.reads = 0

    async def owners(self) -> dict[str, int]:
        self.reads += 1
        return await self.repo.owners()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.repo, name)


async def _services(storage):  # type: ignore[no-untyped-def]
    await storage.storylines.sync([SHARED])
    repo = CountingOwners(storage.storylines)
    catalog = StorylineCatalog(repo, {SHARED.slug: SHARED})
    chats = ChatService(
        storage.chats, storage.outbox, catalog, DigestSettings(default_times=("08:00",)),
        ManualClock(NOW),
    )
    return repo, catalog, chats


async def test_a_new_chat_gets_its_first_digest_and_each_change_moves_it(storage) -> None:
    """Registering schedules 08:00 UTC today; a new timezone moves it to 08:00 there; quiet
    hours over 08:00 leave no digest time; pausing keeps the time, resuming recomputes it."""
    _, _, chats = await _services(storage)
    state = await chats.ensure(7, "private", "Reader")
    assert state.next_digest_at == datetime(2031, 3, 3, 8, 0, tzinfo=UTC)
    state = await chats.set_timezone(state, "Asia/Tokyo")  # 15:30 there: next is tomorrow 08:00
    assert state.next_digest_at == datetime(2031, 3, 3, 23, 0, tzinfo=UTC)
    state = await chats.set_quiet_hours(state, ("07:00", "09:00"))
    assert state.next_digest_at is None
    state = await chats.set_quiet_hours(state, None)
    state = await chats.set_digest_times(state, {"18:00", "08:00"})
    assert state.digest_times == ("08:00", "18:00")
    assert state.next_digest_at == datetime(2031, 3, 3, 9, 0, tzinfo=UTC)
    paused = await chats.set_paused(state, True)
    assert paused.paused
    assert paused.next_digest_at == state.next_digest_at
    resumed = await chats.set_paused(paused, False)
    assert not resumed.paused
    assert resumed.next_digest_at == state.next_digest_at
    assert await storage.chats.get(7) == resumed


async def test_a_digest_done_records_it_and_schedules_the_next(storage) -> None:
    """After the 08:00 digest the chat is due next at 08:00 the day after, and no longer due;
    while taken by one instance it is not due for another, and digest_done ends that."""
    _, _, chats = await _services(storage)
    state = await chats.ensure(7, "private", "Reader")
    at = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)
    assert [c.chat_id for c in await chats.take_due_digests(at, "instance-a")] == [7]
    assert await chats.take_due_digests(at, "instance-b") == []
    await chats.digest_done(state, at)
    stored = await storage.chats.get(7)
    assert stored.last_digest_at == at
    assert stored.next_digest_at == datetime(2031, 3, 4, 8, 0, tzinfo=UTC)
    assert await chats.take_due_digests(at, "instance-b") == []
    assert await chats.take_due_digests(datetime(2031, 3, 4, 8, 0, tzinfo=UTC), "instance-b") != []


async def test_start_up_schedules_every_chat_lacking_a_digest_time_at_once(storage) -> None:
    """rebuild_schedules gives 300 unscheduled chats their next digest (each in its own zone),
    leaves alone a chat already scheduled, a paused one, one without digest times and one
    whose timezone is unusable, and keeps a time set meanwhile rather than overwriting it."""
    _, _, chats = await _services(storage)
    repo = storage.chats
    zones = ("UTC", "Asia/Tokyo", "America/Chicago")
    for chat_id in range(1, 301):
        await repo.ensure(chat_id, digest_times=["18:00"], timezone=zones[chat_id % 3])
    await repo.ensure(400, digest_times=["18:00"])  # paused
    await repo.update(400, paused=True)
    await repo.ensure(401, digest_times=())  # no digests wanted
    await repo.ensure(402, digest_times=["18:00"], timezone="Mars/Olympus")  # unusable
    kept = datetime(2031, 3, 9, 12, 0, tzinfo=UTC)
    await repo.ensure(403, digest_times=["18:00"])
    await repo.update(403, next_digest_at=kept)
    assert await chats.rebuild_schedules() == 300
    expected = {  # 18:00 local on or after Monday 06:30 UTC
        "UTC": datetime(2031, 3, 3, 18, 0, tzinfo=UTC),
        "Asia/Tokyo": datetime(2031, 3, 3, 9, 0, tzinfo=UTC),
        "America/Chicago": datetime(2031, 3, 4, 0, 0, tzinfo=UTC),
    }
    states = {c.chat_id: c for c in await repo.list()}
    assert all(states[i].next_digest_at == expected[zones[i % 3]] for i in range(1, 301))
    assert [states[i].next_digest_at for i in (400, 401, 402)] == [None, None, None]
    assert states[403].next_digest_at == kept
    assert await chats.rebuild_schedules() == 0  # nothing left to schedule


async def test_a_batch_of_next_digests_never_overwrites_a_time_set_meanwhile(storage) -> None:
    """set_next_digests writes only chats still without a next digest: a time another
    instance or a settings change stored since the chats were read stays."""
    repo = storage.chats
    for chat_id in (1, 2):
        await repo.ensure(chat_id, digest_times=["08:00"])
        await repo.update(chat_id, next_digest_at=None)
    theirs = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)
    await repo.update(2, next_digest_at=theirs)
    ours = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)
    await repo.set_next_digests({1: ours, 2: ours, 999: ours})  # 999: no such chat, no row
    assert (await repo.get(1)).next_digest_at == ours
    assert (await repo.get(2)).next_digest_at == theirs
    assert await repo.get(999) is None


async def test_owners_are_read_once_and_again_after_each_change(storage) -> None:
    """Visibility asks for owners on every call, storage is read once until a storyline is
    added, shared or removed, or its owner chat migrates; each change is seen at once."""
    repo, catalog, chats = await _services(storage)
    await chats.ensure(1, "group", "Harbour desk")
    assert set(await catalog.visible(1)) == {SHARED.slug}
    await catalog.visible(2)
    await catalog.owners()
    assert repo.reads == 1
    await catalog.add(PRIVATE, owner_chat_id=1)
    assert set(await catalog.visible(1)) == {SHARED.slug, PRIVATE.slug}
    assert set(await catalog.visible(2)) == {SHARED.slug}
    assert repo.reads == 2
    assert await catalog.count_owned(1) == 1
    await chats.migrate(1, 100)  # a group became a supergroup: its storyline goes along
    assert set(await catalog.visible(100)) == {SHARED.slug, PRIVATE.slug}
    assert set(await catalog.visible(1)) == {SHARED.slug}
    assert await catalog.share(PRIVATE.slug)
    assert set(await catalog.visible(2)) == {SHARED.slug, PRIVATE.slug}
    assert await catalog.remove(PRIVATE.slug)
    assert PRIVATE.slug not in catalog
    assert await catalog.owners() == {}
    assert repo.reads == 5


async def test_the_catalog_counts_its_changes_for_the_matcher(storage) -> None:
    """Adding a storyline changes both versions (new matcher, terms counted afresh); removing
    one changes only the matcher's; sharing changes neither."""
    _, catalog, _ = await _services(storage)
    await catalog.add(PRIVATE, owner_chat_id=1)
    assert (catalog.version, catalog.terms_version) == (1, 1)
    await catalog.share(PRIVATE.slug)
    assert (catalog.version, catalog.terms_version) == (1, 1)
    await catalog.remove(PRIVATE.slug)
    assert (catalog.version, catalog.terms_version) == (2, 1)
    assert catalog.title(PRIVATE.slug) == PRIVATE.slug
    assert catalog.title(SHARED.slug) == "River accord"


async def test_set_option_switches_one_reader_option_and_refuses_unknown_ones(storage, storage_clock):
    """show_why, silent and link_previews are stored per chat; any other name is refused."""
    chats = ChatService(
        storage.chats, storage.outbox, StorylineCatalog(storage.storylines, {}), DigestSettings(),
        storage_clock,
    )
    state = await chats.ensure(42, "private", "Reader")
    assert (state.show_why, state.silent, state.link_previews) == (True, False, False)
    state = await chats.set_option(state, "silent", True)
    assert (await chats.get(42)).silent is True
    with pytest.raises(ValueError, match="unknown chat option"):
        await chats.set_option(state, "paused", True)


class CountingChats:
    """The chat repository, counting reads of chat rows."""

    def __init__(self, repo) -> None:  # type: ignore[no-untyped-def]
        self.repo = repo
        self.reads = 0

    async def get(self, chat_id: int):  # type: ignore[no-untyped-def]
        self.reads += 1
        return await self.repo.get(chat_id)

    async def get_many(self, chat_ids):  # type: ignore[no-untyped-def]
        self.reads += 1
        return await self.repo.get_many(chat_ids)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.repo, name)


async def test_instant_recipients_read_all_subscriber_chats_at_once(storage) -> None:
    """A briefing for 40 subscribers reads their chats in one call, and each recipient still
    carries its own chat's options: a paused chat is held, a channel is marked, a silent chat
    stays silent, a chat that cannot see a private storyline is left out."""
    await storage.storylines.sync([SHARED])
    await storage.storylines.sync([PRIVATE], owner_chat_id=2)
    counting = CountingChats(storage.chats)
    catalog = StorylineCatalog(storage.storylines, {SHARED.slug: SHARED, PRIVATE.slug: PRIVATE})
    chats = ChatService(
        counting, storage.outbox, catalog, DigestSettings(default_times=("08:00",)),
        ManualClock(NOW),
    )
    for chat_id in range(1, 41):
        await storage.chats.ensure(chat_id, "channel" if chat_id == 5 else "private")
        await storage.chats.subscribe(chat_id, SHARED.slug)
        await storage.chats.subscribe(chat_id, PRIVATE.slug)
    await storage.chats.update(3, paused=True)
    await storage.chats.update(4, silent=True)

    recipients = await chats.instant_recipients(SHARED.slug)
    assert counting.reads == 1
    assert [r.sub.chat_id for r in recipients] == list(range(1, 41))
    by_id = {r.sub.chat_id: r for r in recipients}
    assert by_id[3].held_limit == chats.held_limit
    assert by_id[1].held_limit is None
    assert by_id[5].channel
    assert not by_id[1].channel
    assert by_id[4].silent
    assert not by_id[1].silent

    private = await chats.instant_recipients(PRIVATE.slug)
    assert [r.sub.chat_id for r in private] == [2]
