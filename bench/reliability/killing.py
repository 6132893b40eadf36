"""kill -9 of a real `attache run` in the middle of a fan-out, then a restart: lost, duplicated.

The suite queues one briefing for each of CHATS private chats, starts `attache run` against the
suite's fake Bot API (Telegram's flood limits on), and when KILL_AT messages have arrived it stops
answering sends (they stay in flight, never accepted), waits until the database has recorded
every message Telegram accepted, and kills the process with SIGKILL; a fresh process goes on,
and is killed the same way at the next point. The last one must send the rest: each chat ends
with exactly one message. Run on SQLite and on PostgreSQL.

The kill lands deliberately outside the one window no Bot API client can close (Telegram has
accepted a message, the process dies before recording it): a kill there resends that message,
as docs/design.md says. Any duplicate counted here is therefore a fault.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.reliability.botapi import SECRETS, TOKEN, SuiteBotAPI
from bench.reliability.leaks import rows_holding
from bench.reliability.observe import Watcher
from bot.clock import utc_now
from bot.storage import Storage

CHATS = 120
FIRST_CHAT = 40_000_000
KILL_AT = (40, 80)  # sends seen before each kill; a restart follows each
RECOVER_S = 40.0  # a restart has this long to send the rest
REPO = Path(__file__).resolve().parents[2]
BRIEFING = "<b>Orlo meets Quell in Talvik</b>\nInvented for the reliability suite."


async def _wait_for(condition: Callable[[], Awaitable[bool]], limit_s: float) -> bool:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if await condition():
            return True
        await asyncio.sleep(0.05)
    return False


async def _queue(url: str) -> None:
    storage = await Storage.open(url)
    try:
        now = utc_now()
        for chat_id in range(FIRST_CHAT, FIRST_CHAT + CHATS):
            await storage.chats.ensure(chat_id, "private", f"Reader {chat_id}")
            await storage.outbox.enqueue(chat_id, BRIEFING, "briefing:rel-kill:relay:0", "briefing", now=now)
    finally:
        await storage.close()


class Bot:
    """One `attache run` process; its stderr goes to a file the watcher scans afterwards."""

    def __init__(self, url: str, api_url: str, log_path: Path) -> None:
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "ATTACHE_DATABASE_URL": url,
            "ATTACHE_TELEGRAM_API_URL": api_url,
            "PYTHONPATH": str(REPO),
        }
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", "--tick", "0.5",
                cwd=REPO, env=self.env, stdout=log, stderr=log, stdin=asyncio.subprocess.DEVNULL,
            )

    async def reap(self) -> None:
        """Whatever happened to the suite, no process is left behind."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()

    async def stop(self) -> int:
        """SIGTERM, as an operator stops it; returns the exit status (-9 if it had to be killed)."""
        assert self.proc is not None
        if self.proc.returncode is not None:
            return self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), 30)
        except TimeoutError:
            self.proc.kill()
            return await self.proc.wait()


async def sent_on_record(engine: Any) -> int:
    """How many outbox rows the database has recorded as sent."""
    async with engine.connect() as conn:
        query = text("SELECT count(*) FROM outbox WHERE status = 'sent'")
        return int((await conn.execute(query)).scalar_one())


async def run_backend(label: str, url: str, tmp: Path, watcher: Watcher) -> dict[str, Any]:
    await _queue(url)
    engine = create_async_engine(url)
    log_path = tmp / f"attache-{label}.log"
    figures: dict[str, Any] = {"crashes": 0}
    bots: list[Bot] = []
    try:
        async with SuiteBotAPI() as api:
            for chat_id in range(FIRST_CHAT, FIRST_CHAT + CHATS):
                api.add_chat(chat_id, "private")

            async def recorded() -> int:
                return await sent_on_record(engine)

            in_flight = []
            for point in KILL_AT:
                bot = Bot(url, api.base_url, log_path)
                bots.append(bot)
                await bot.start()
                await _wait_for(lambda p=point: _true(api.counters.sent >= p), 40)
                api.hold_sends, api.held = True, 0
                await _wait_for(lambda: _true(api.held > 0), 5)  # a send is in flight, unanswered
                # Everything Telegram accepted is on record before the kill: no duplicate is excused.
                await _wait_for(lambda: _eq(recorded(), api.counters.sent), 10)
                in_flight.append(api.held)
                await bot.kill()
                api.release_held()
                print(f"{label}: killed after {api.counters.sent} sends", file=sys.stderr, flush=True)
            figures["killed_with_in_flight"] = in_flight
            last = Bot(url, api.base_url, log_path)
            bots.append(last)
            await last.start()
            done = await _wait_for(lambda: _true(len(api.counters.per_chat_sent) >= CHATS), RECOVER_S)
            await asyncio.sleep(1.0)  # a late duplicate would arrive now
            status = await last.stop()
            if status != 0:
                figures["crashes"] += 1
                watcher.note_exception(f"{label}: restarted attache exited with {status}")
            counts = [api.counters.per_chat_sent.get(c, 0) for c in range(FIRST_CHAT, FIRST_CHAT + CHATS)]
            figures["lost"] = sum(1 for c in counts if c == 0)
            figures["duplicates"] = sum(c - 1 for c in counts if c > 1)
            figures["recovered_all"] = done
            figures["token_in_messages"] = sum(
                1 for m in api.all_messages() if any(s in m.raw_text for s in SECRETS)
            )
    finally:
        for bot in bots:
            await asyncio.shield(bot.reap())
        await engine.dispose()
    watcher.scan_text(log_path.read_text(errors="replace"), f"attache run log ({label})")
    figures["token_in_db"] = sum((await rows_holding(url, SECRETS)).values())
    return figures


async def _true(value: bool) -> bool:
    return value


async def _eq(a: Awaitable[int], b: int) -> bool:
    return await a == b
