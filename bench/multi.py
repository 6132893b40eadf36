"""Several instances benchmark: three `attache run` processes on one PostgreSQL and one Redis.

One briefing is queued for each of 1,000 private chats in a fresh PostgreSQL database, due once
three real processes are all up; they fan it out through the fake Bot API (Telegram's flood
limits on), sharing the send budget in Redis. When half the messages have arrived, the instance
holding the polling lock is killed with SIGKILL; the other two take over its claims and its long
polling. Figures: `multi_instance_msgs_per_s` (messages accepted per second from the first to
the last), `multi_instance_429`, `multi_instance_duplicates`, `multi_instance_lost`,
`multi_instance_takeover_s` (kill → another instance polling), `multi_instance_cpu_ms_per_msg`
(the instances' CPU from the release to the end, per message: what a busy machine must find),
and `multi_start_schedules_s` (a start giving 1,000 chats their next digest time, timed on its
own before the fan-out).

As in bench/reliability/killing.py, the kill lands outside the one window no Bot API client can
close (Telegram accepted a message, the process dies before recording it): sends are held for
the moment it takes the database to record every accepted one. A duplicate counted here is a
coordination fault.

Needs PostgreSQL (ATTACHE_RELIABILITY_PG names the server; a `bench_multi` database is created
and dropped) and Redis (ATTACHE_BENCH_REDIS_URL, default redis://127.0.0.1:6379).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bench.reliability.botapi import SuiteBotAPI
from bench.reliability.killing import Bot, _wait_for, sent_on_record
from bench.reliability.pgdb import SERVER as PG_SERVER
from bench.reliability.pgdb import fresh_database
from bot.clock import utc_now
from bot.storage import Storage

INSTANCES = 3
CHATS = 1000
FIRST_CHAT = 60_000_000
RUN_LIMIT_S = 180.0
HOLD = timedelta(hours=1)  # queued rows wait until every instance runs (see _release)
REDIS_URL = os.environ.get("ATTACHE_BENCH_REDIS_URL", "redis://127.0.0.1:6379")
STANDING_BY = "stands by"
TOOK_OVER = "took over receiving"

# Invented for the benchmark: the shape of a briefing, not any outlet's text.
BRIEFING = "<b>Envoy Ilsa Marrow meets Minister Tobin Quaye in Velmora</b>\nInvented for the bench."


async def _queue(url: str) -> None:
    """One briefing for every chat, held back until _release(): queueing 1,000 rows while three
    instances are sending would measure how fast rows are queued, not how fast they go out."""
    storage = await Storage.open(url)
    try:
        now = utc_now()
        for chat_id in range(FIRST_CHAT, FIRST_CHAT + CHATS):
            # No digest times: the bench measures the fan-out, not start-up schedule building.
            await storage.chats.ensure(chat_id, "private", f"Reader {chat_id}", digest_times=())
            await storage.outbox.enqueue(
                chat_id, BRIEFING, "briefing:bench-multi:envoy:0", "briefing", now=now,
                not_before=now + HOLD,
            )
    finally:
        await storage.close()


async def _release(engine: AsyncEngine) -> None:
    """The held briefings become due now, all at once."""
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE outbox SET not_before = :now"), {"now": utc_now()})


def _log_text(bot: Bot) -> str:
    return bot.log_path.read_text(errors="replace") if bot.log_path.exists() else ""


async def _leader(bots: list[Bot]) -> Bot | None:
    """The instance that polls: every other one has said that it stands by."""
    async def settled() -> bool:
        return sum(STANDING_BY in _log_text(b) for b in bots) == len(bots) - 1

    if not await _wait_for(settled, 90):
        return None
    return next(b for b in bots if STANDING_BY not in _log_text(b))


async def _fan_out(url: str, tmp: Path) -> dict[str, Any]:
    await _queue(url)
    print(f"queued {CHATS} messages; starting {INSTANCES} instances", file=sys.stderr, flush=True)
    engine = create_async_engine(url)
    bots: list[Bot] = []
    try:
        async with SuiteBotAPI() as api:
            for chat_id in range(FIRST_CHAT, FIRST_CHAT + CHATS):
                api.add_chat(chat_id, "private")

            async def recorded() -> bool:
                return await sent_on_record(engine) == api.counters.sent

            for n in range(INSTANCES):
                bot = Bot(url, api.base_url, tmp / f"instance-{n}.log")
                bot.env["ATTACHE_REDIS_URL"] = REDIS_URL
                bots.append(bot)
                await bot.start()
            leader = await _leader(bots)
            # All three run: the fan-out starts now, so the figure is not their start-up time.
            cpu_at_release = [_cpu_s(b) for b in bots]
            await _release(engine)
            await _wait_for(lambda: _true(api.counters.sent >= CHATS // 2), RUN_LIMIT_S)
            api.hold_sends, api.held = True, 0
            await _wait_for(lambda: _true(api.held > 0), 5)
            await _wait_for(recorded, 10)
            victim = leader or bots[0]
            cpu_used = {id(victim): _cpu_s(victim)}
            await victim.kill()
            killed_at = time.monotonic()
            api.release_held()
            print(f"killed one instance after {api.counters.sent} sends", file=sys.stderr, flush=True)
            survivors = [b for b in bots if b is not victim]
            took_over = await _wait_for(lambda: _true(any(TOOK_OVER in _log_text(b) for b in survivors)), 30)
            takeover_s = round(time.monotonic() - killed_at, 2) if took_over else None
            await _wait_for(lambda: _true(len(api.counters.per_chat_sent) >= CHATS), RUN_LIMIT_S)
            await asyncio.sleep(2.0)  # a late duplicate would arrive now
            cpu_used.update({id(b): _cpu_s(b) for b in survivors})
            cpu_s = sum(cpu_used[id(b)] - start for b, start in zip(bots, cpu_at_release, strict=True))
            for bot in survivors:
                await bot.stop()
            stamps = [r.at for r in api.requests if r.method.lower() == "sendmessage" and r.status == 200]
            per_second = Counter(int(t - min(stamps)) for t in stamps)
            print(f"accepted per second: {[per_second[s] for s in sorted(per_second)]}", file=sys.stderr, flush=True)
            counts = [api.counters.per_chat_sent.get(c, 0) for c in range(FIRST_CHAT, FIRST_CHAT + CHATS)]
            span = max(stamps) - min(stamps) if len(stamps) > 1 else float("nan")
            return {
                "multi_instance_msgs_per_s": round(len(stamps) / span, 2),
                "multi_instance_429": api.counters.rejected_429,
                "multi_instance_duplicates": sum(c - 1 for c in counts if c > 1),
                "multi_instance_lost": sum(1 for c in counts if c == 0),
                "multi_instance_seconds": round(span, 2),
                "multi_instance_takeover_s": takeover_s,
                "multi_instance_cpu_ms_per_msg": round(1000 * cpu_s / max(1, len(stamps)), 2),
            }
    finally:
        for bot in bots:
            await asyncio.shield(bot.reap())
        await engine.dispose()


async def _start_schedules(url: str) -> float:
    """Seconds a start takes to give 1,000 chats lacking one their next digest time (after an
    upgrade, or chats added while schedules were off): the part of start-up that grows with chats."""
    from bot.config import DigestSettings
    from bot.services.chats import ChatService
    from bot.services.storylines import StorylineCatalog

    storage = await Storage.open(url)
    try:
        for chat_id in range(FIRST_CHAT, FIRST_CHAT + CHATS):
            await storage.chats.ensure(chat_id, "private", f"Reader {chat_id}", digest_times=("08:00",))
        async with storage.engine.begin() as conn:
            await conn.execute(text("UPDATE chats SET next_digest_at = NULL"))
        catalog = StorylineCatalog(storage.storylines, {})
        chats = ChatService(storage.chats, storage.outbox, catalog, DigestSettings(), utc_now)
        t0 = time.perf_counter()
        scheduled = await chats.rebuild_schedules()
        seconds = time.perf_counter() - t0
    finally:
        await storage.close()
    if scheduled != CHATS:
        raise RuntimeError(f"start-up scheduled {scheduled} of {CHATS} chats")
    return round(seconds, 3)


def _cpu_s(bot: Bot) -> float:
    """CPU seconds (user + system) an instance has used so far, from Linux's /proc."""
    assert bot.proc is not None
    fields = Path(f"/proc/{bot.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _true(value: bool) -> bool:
    return value


async def _redis_answers() -> str | None:
    """None when Redis answers at REDIS_URL, else why not."""
    url = make_url(REDIS_URL)
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(url.host or "127.0.0.1", url.port or 6379), 5
        )
    except (OSError, TimeoutError) as exc:
        return f"Redis at {url.render_as_string(hide_password=True)} does not answer: {exc}"
    writer.close()
    await writer.wait_closed()
    return None


async def _main() -> dict[str, Any]:
    # Without PostgreSQL or Redis this part reports why, and the other benchmarks still print.
    missing = await _redis_answers()
    if missing:
        return {"multi_instance_error": missing}
    try:
        admin = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=10)
    except (OSError, asyncpg.PostgresError) as exc:
        return {"multi_instance_error": f"PostgreSQL does not answer: {exc}"}
    await admin.close()
    async with fresh_database("bench_multi_start") as url:
        start_s = await _start_schedules(url)
    print(f"start-up schedules for {CHATS} chats: {start_s} s", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="attache-multi-") as tmp:
        async with fresh_database("bench_multi") as url:
            figures = await _fan_out(url, Path(tmp))
    return {**figures, "multi_start_schedules_s": start_s}


def run() -> dict[str, Any]:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return asyncio.run(_main())


if __name__ == "__main__":
    print(run())
