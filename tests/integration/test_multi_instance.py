"""Several instances on one database: feed leases, outbox claims, digest claims, the polling lock.

Each test opens the same database twice, as two `attache run` processes do (two engines, two
instance ids). On PostgreSQL a dead instance is known at once (its session's advisory lock is
gone); on SQLite, a one-process database, a lease runs out instead. Both are checked.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa
from telegram import Bot

from bot.config import Settings
from bot.storage.instances import lock_key
from bot.telegram.delivery import Deliverer
from bot.telegram.fake import FakeBotAPI, RateLimits

LEASE = timedelta(minutes=5)


async def two_instances(storage_target, storage_clock):
    first = await storage_target.open(clock=storage_clock)
    second = await storage_target.open(clock=storage_clock)
    await first.instances.join()
    await second.instances.join()
    return first, second


async def die(storage) -> None:
    """What SIGKILL does to an instance's database side: its session ends, its rows stay."""
    pid = storage.instances.session_pid
    if pid is not None:
        async with storage.engine.connect() as conn:
            await conn.execute(sa.select(sa.func.pg_terminate_backend(pid)))
    await storage.instances._drop_connection()


async def test_two_instances_lease_disjoint_feeds_and_together_all_of_them(storage_target, storage_clock):
    """Both ask for the due feeds at the same moment: no feed goes to both, none is left out,
    and a leased feed is not due for anyone else until its poll is saved."""
    first, second = await two_instances(storage_target, storage_clock)
    try:
        urls = [f"https://feeds.example/{n}.xml" for n in range(40)]
        for url in urls:
            await first.feeds.add(url)
        now = storage_clock()
        a, b = await asyncio.gather(
            first.feeds.lease_due(now, first.instances.id, LEASE, limit=25),
            second.feeds.lease_due(now, second.instances.id, LEASE, limit=25),
        )
        got_a, got_b = {f.url for f in a}, {f.url for f in b}
        assert not got_a & got_b
        assert got_a | got_b == set(urls)
        assert await first.feeds.lease_due(now, first.instances.id, LEASE) == []
        # saving a poll ends the lease: the feed is free again once it is due again
        state = await first.feeds.get(a[0].url)
        await first.feeds.save(state)
        again = await second.feeds.lease_due(now, second.instances.id, LEASE)
        assert [f.url for f in again] == [a[0].url]
    finally:
        await first.close()
        await second.close()


async def test_a_dead_instance_s_feed_leases_are_taken_over(storage_target, storage_clock):
    """PostgreSQL: at once, because the dead session's lock is free; SQLite: when the lease
    runs out. A live instance's lease is never taken before then."""
    first, second = await two_instances(storage_target, storage_clock)
    try:
        await first.feeds.add("https://feeds.example/a.xml")
        leased = await first.feeds.lease_due(storage_clock(), first.instances.id, LEASE)
        assert len(leased) == 1
        assert await second.feeds.lease_due(storage_clock(), second.instances.id, LEASE) == []
        await die(first)
        taken = await second.feeds.lease_due(storage_clock(), second.instances.id, LEASE)
        if storage_target.backend == "sqlite":
            assert taken == []
            storage_clock.advance(seconds=LEASE.total_seconds() + 1)
            taken = await second.feeds.lease_due(storage_clock(), second.instances.id, LEASE)
        assert [f.url for f in taken] == ["https://feeds.example/a.xml"]
    finally:
        await first.close()
        await second.close()


async def test_each_due_digest_is_claimed_by_one_instance(storage_target, storage_clock):
    """Two instances claim due digests at once: each chat goes to one; mark_digest ends it."""
    first, second = await two_instances(storage_target, storage_clock)
    try:
        now = storage_clock()
        for chat in range(100, 130):
            await first.chats.ensure(chat)
            await first.chats.update(chat, next_digest_at=now - timedelta(minutes=1))
        a, b = await asyncio.gather(
            first.chats.claim_due_digests(now, first.instances.id, LEASE),
            second.chats.claim_due_digests(now, second.instances.id, LEASE),
        )
        ids_a, ids_b = {c.chat_id for c in a}, {c.chat_id for c in b}
        assert not ids_a & ids_b
        assert ids_a | ids_b == set(range(100, 130))
        assert await second.chats.claim_due_digests(now, second.instances.id, LEASE) == []
        await first.chats.mark_digest(100, now, now - timedelta(seconds=1))  # due again at once
        again = await second.chats.claim_due_digests(now, second.instances.id, LEASE)
        assert [c.chat_id for c in again] == [100]
    finally:
        await first.close()
        await second.close()


async def test_two_deliverers_send_each_queued_message_exactly_once(storage_target, storage_clock):
    """Two instances drain one outbox into one fake Bot API at the same time: every chat gets
    its message once, and each row is marked sent by the instance that claimed it."""
    first, second = await two_instances(storage_target, storage_clock)
    chats = range(500, 560)
    try:
        for chat in chats:
            await first.chats.ensure(chat)
            await first.outbox.enqueue(chat, "<b>Briefing</b>", "briefing:x:y:0", "briefing", now=storage_clock())
        async with FakeBotAPI(limits=RateLimits(enabled=False)) as api:
            for chat in chats:
                api.add_chat(chat, "private")
            async with (
                Bot(api.token, base_url=api.base_url) as bot_a,
                Bot(api.token, base_url=api.base_url) as bot_b,
            ):
                one = Deliverer(bot_a, first, storage_clock, Settings(), batch_size=7, pace=False)
                two = Deliverer(bot_b, second, storage_clock, Settings(), batch_size=7, pace=False)
                reports = await asyncio.gather(one.drain(), two.drain())
            assert [api.counters.per_chat_sent[c] for c in chats] == [1] * len(chats)
            assert reports[0].sent > 0
            assert reports[1].sent > 0
            assert reports[0].sent + reports[1].sent == len(chats)
        stats = await first.outbox.stats()
        assert (stats.sent, stats.depth) == (len(chats), 0)
    finally:
        await first.close()
        await second.close()


async def test_a_dead_instance_s_outbox_claims_come_back_at_once_on_postgresql(storage_target, storage_clock):
    """Rows claimed by an instance that died: PostgreSQL returns them on the next pass of a live
    instance; SQLite (one instance) once their lease is over. A live claim is never taken."""
    first, second = await two_instances(storage_target, storage_clock)
    try:
        for chat in (1, 2, 3):
            await first.outbox.enqueue(chat, "hello", "k", "briefing", now=storage_clock())
        claimed = await first.outbox.claim(storage_clock(), claimant=first.instances.id)
        assert len(claimed) == 3
        assert await second.outbox.recover(storage_clock()) == 0  # alive: hands off
        await die(first)
        recovered = await second.outbox.recover(storage_clock())
        if storage_target.backend == "sqlite":
            assert recovered == 0
            storage_clock.advance(seconds=600)
            recovered = await second.outbox.recover(storage_clock())
        assert recovered == 3
        again = await second.outbox.claim(storage_clock(), claimant=second.instances.id)
        assert sorted(m.chat_id for m in again) == [1, 2, 3]
    finally:
        await first.close()
        await second.close()


async def test_one_instance_leads_polling_and_another_takes_over_when_it_dies(storage_target, storage_clock):
    """PostgreSQL: the polling lock is held by one instance; when its session dies the other
    gets it. SQLite is one instance by design: it always leads."""
    first, second = await two_instances(storage_target, storage_clock)
    try:
        assert await first.instances.lead("polling")
        if storage_target.backend == "sqlite":
            assert await second.instances.lead("polling")  # documented: no coordination
            return
        assert not await second.instances.lead("polling")
        assert sorted(await first.instances.running()) == sorted([first.instances.id, second.instances.id])
        await die(first)
        assert await second.instances.lead("polling")
        assert await second.instances.running() == [second.instances.id]
        # the dead instance had nothing claimed: it is unregistered
        assert await second.instances.forget_dead() == 1
    finally:
        await first.close()
        await second.close()


async def test_lock_keys_differ_between_schemas(storage_target, storage_clock):
    """Two databases (or test schemas) on one server never share a lock: the key names the schema."""
    if storage_target.backend == "sqlite":
        storage = await storage_target.open(clock=storage_clock)
        try:
            assert not storage.instances.coordinated
            assert await storage.instances.lead("polling")
        finally:
            await storage.close()
        return
    storage = await storage_target.open(clock=storage_clock)
    try:
        async with storage.engine.connect() as conn:
            here = (await conn.execute(sa.select(lock_key("lead", "polling")))).scalar()
            await conn.execute(sa.text("SET search_path TO public"))
            there = (await conn.execute(sa.select(lock_key("lead", "polling")))).scalar()
        assert here != there
    finally:
        await storage.close()


async def _serving(storage, api: FakeBotAPI):
    """One instance's bot, long-polling the fake API; returns (application, stop, task)."""
    from bot import app as app_module
    from bot.telegram.application import build_application, serve
    from tests.integration.test_bot_e2e import NoExtraction

    app = await app_module.build(Settings(), storage=storage, storylines=[], extractor=NoExtraction())
    application = build_application(app, api.token, base_url=api.base_url, tick_interval=None)
    stop, started = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(
        serve(application, stop, poll_timeout=1, started=started, deliver_in_background=False)
    )
    await asyncio.wait_for(started.wait(), 15)
    return app, application, stop, task


async def _until(condition, seconds: float) -> bool:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_the_standby_instance_takes_over_long_polling_when_the_poller_dies(storage_target, storage_clock):
    """Two running bots: on PostgreSQL one polls and one stands by; when the poller's database
    session dies and it goes away, the other polls within seconds and answers users. On SQLite
    (one instance by design) a bot polls at once."""
    first, second = await two_instances(storage_target, storage_clock)
    try:
        async with FakeBotAPI(limits=RateLimits(enabled=False)) as api:
            running = [await _serving(first, api), await _serving(second, api)]
            try:
                await _take_over(storage_target.backend, running, api)
            finally:
                for app, _application, stop, task in running:
                    stop.set()
                    await asyncio.wait_for(task, 20)
                    await app.http.aclose()
    finally:
        await first.close()
        await second.close()


async def _take_over(backend: str, running: list, api: FakeBotAPI) -> None:
    polling = [r for r in running if r[1].updater.running]
    if backend == "sqlite":
        assert len(polling) == 2
        return
    assert len(polling) == 1
    leader = polling[0]
    standby = next(r for r in running if r is not leader)
    api.user_sends(901, "/start")
    assert "storyline" in (await api.wait_for_message(901, timeout=10)).text.lower()
    # the poller dies: its session ends, and it stops serving
    await die(leader[0].storage)
    leader[2].set()
    await asyncio.wait_for(leader[3], 20)
    assert await _until(lambda: standby[1].updater.running, 10)
    api.user_sends(902, "/start")
    assert "storyline" in (await api.wait_for_message(902, timeout=10)).text.lower()


async def test_two_running_apps_poll_each_feed_once_and_make_each_digest_once(storage_target, tmp_path):
    """Two app instances on one database poll at the same moment: every feed is fetched once (a
    slow feed server keeps the polls overlapping), the matching briefing is queued once, and a
    due digest is produced by one of them."""
    from aiohttp import web

    from bot import app as app_module
    from bot.clock import ManualClock
    from bot.config import FeedEntry, FeedSettings
    from tests.integration.test_bot_e2e import FEED_ITEM, START, STORY, NoExtraction
    from tests.localsite import local_site

    hits: dict[str, int] = {}

    async def feed(request: web.Request) -> web.Response:
        hits[request.path] = hits.get(request.path, 0) + 1
        await asyncio.sleep(0.2)  # both instances are polling while this one answers
        return web.Response(body=FEED_ITEM.encode(), content_type="application/rss+xml")

    paths = [f"/feed-{n}.xml" for n in range(12)]
    clock = ManualClock(START)
    async with local_site(dict.fromkeys(paths, feed)) as port:
        sources = tuple(FeedEntry(url=f"http://127.0.0.1:{port}{p}") for p in paths)
        settings = Settings(feeds=FeedSettings(sources=sources, allow_private=True))
        first, second = await two_instances(storage_target, clock)
        apps = []
        try:
            for storage in (first, second):
                apps.append(
                    await app_module.build(
                        settings, storage=storage, clock=clock, storylines=[STORY], extractor=NoExtraction()
                    )
                )
            await first.chats.ensure(77, now=START)
            await first.chats.subscribe(77, STORY.slug, "both", now=START)
            reports = await asyncio.gather(*(a.pipeline.poll_cycle() for a in apps))
            assert hits == dict.fromkeys(paths, 1)
            assert sorted(r.url for rs in reports for r in rs) == sorted(f.url for f in sources)
            assert [m.kind for m in await first.outbox.for_chat(77)] == ["briefing"]
            await first.chats.update(77, next_digest_at=START - timedelta(minutes=1))
            queued = await asyncio.gather(*(a.pipeline.run_due_digests() for a in apps))
            digests = [m for m in await first.outbox.for_chat(77) if m.kind == "digest"]
            assert len(digests) == 1
            assert sorted(queued) == [0, 1]
            assert (await first.chats.get(77)).next_digest_at > START
        finally:
            for app in apps:
                await app.close()
            await first.close()
            await second.close()
