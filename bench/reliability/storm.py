"""A storm from the Bot API: 429 floods, blocked users (403), migrated groups, and error pages
that echo the request path (token included), against the real application delivering a queue.

Every chat that can be reached must get each message exactly once (a migrated group at its new
id); blocked chats get nothing and are let go; the token must not reach a log line, a stored
row, or a message — the admin's /status included, which lists recent errors.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

from bench.reliability.botapi import SECRETS, TOKEN, SuiteBotAPI, serving
from bench.reliability.feeds import STORY, StubExtraction
from bench.reliability.leaks import count_in, message_texts, rows_holding
from bench.reliability.observe import Watcher
from bot.config import Settings, TelegramSettings
from bot.telegram.fake import RateLimits

ADMIN = 901
USERS = tuple(range(50_000_001, 50_000_061))
BLOCKED = USERS[:8]
GROUPS = tuple(range(-4020, -4000))
MIGRATED = {g: -1002000000000 + g for g in GROUPS[:6]}
PER_CHAT = 2
LIMIT_S = 65.0
ECHO_S = 15.0
# Far below Telegram's own limits, so the sender meets 429s all the time.
TIGHT = RateLimits(overall_per_s=12.0, overall_burst=6.0, private_per_s=0.5, private_burst=1.0,
                   group_per_minute=20.0, group_burst=3.0)


def _expected() -> dict[int, int]:
    """Messages each chat should end up with (by the id Telegram knows it under at the end)."""
    out = {u: PER_CHAT for u in USERS if u not in BLOCKED}
    for g in GROUPS:
        out[MIGRATED.get(g, g)] = PER_CHAT
    return out


async def _deliver(api: SuiteBotAPI, figures: dict[str, Any]) -> None:
    """Error pages for ECHO_S seconds (an outage of the proxy in front of the Bot API), 429s
    throughout; wait until every reachable chat has its messages (or LIMIT_S), and a moment
    longer for duplicates. A send retried after network errors waits 5, 10, 20 s ..., so every
    message can arrive well within LIMIT_S once the outage is over."""
    expected = _expected()
    t0 = time.monotonic()
    api.echo_every = 5
    print(f"storm: {sum(expected.values())} messages to deliver", file=sys.stderr, flush=True)
    while time.monotonic() - t0 < LIMIT_S:
        if time.monotonic() - t0 > ECHO_S:
            api.echo_every = 0
        if all(api.counters.per_chat_sent.get(c, 0) >= n for c, n in expected.items()):
            break
        await asyncio.sleep(0.2)
    figures["storm_s"] = round(time.monotonic() - t0, 1)
    await asyncio.sleep(1.5)  # late duplicates would arrive now


async def run(tmp: Path, watcher: Watcher) -> dict[str, Any]:
    from bot.app import build
    from bot.telegram.application import build_application

    url = f"sqlite+aiosqlite:///{tmp / 'storm.db'}"
    settings = Settings(
        database=dataclasses.replace(Settings().database, url=url),
        telegram=TelegramSettings(admins=(ADMIN,), max_retries=3, forbidden_after_failures=2),
    )
    app = await build(settings, storylines=[STORY], extractor=StubExtraction())
    figures: dict[str, Any] = {"crashes": 0}
    try:
        for chat_id in (*USERS, *GROUPS):
            await app.storage.chats.ensure(chat_id, "private" if chat_id > 0 else "group", f"Chat {chat_id}")
            for n in range(PER_CHAT):
                await app.storage.outbox.enqueue(
                    chat_id, f"<b>Briefing {n}</b> for the storm", f"briefing:storm-{n}:relay:0", "briefing"
                )
        async with SuiteBotAPI(limits=TIGHT) as api:
            for u in (*USERS, ADMIN):
                api.add_chat(u, "private")
            for g in GROUPS:
                api.add_chat(g, "group")
            for u in BLOCKED:
                api.block(u)
            for old, new in MIGRATED.items():
                api.migrate(old, new)
            application = build_application(app, TOKEN, base_url=api.base_url, tick_interval=0.5)
            async with serving(application, figures, watcher):
                await _deliver(api, figures)
                api.echo_every = 0
                api.user_sends(ADMIN, "/status")
                try:
                    status = await api.wait_for_message(ADMIN, timeout=15)
                    figures["status_shown"] = True
                    figures["status_holds_token"] = any(s in status.raw_text for s in SECRETS)
                except TimeoutError:
                    figures["status_shown"] = False
            expected = _expected()
            sent = api.counters.per_chat_sent
            figures["lost"] = sum(max(0, n - sent.get(c, 0)) for c, n in expected.items())
            figures["duplicates"] = sum(max(0, sent.get(c, 0) - n) for c, n in expected.items())
            figures["sent_to_blocked_or_old_ids"] = sum(sent.get(c, 0) for c in (*BLOCKED, *MIGRATED))
            figures["rejected_429"] = api.counters.rejected_429
            figures["rejected_403"] = api.counters.rejected_403
            figures["echo_pages"] = api.echoed
            figures["token_in_messages"] = count_in(message_texts(api), SECRETS)
    finally:
        await app.close()
    figures["token_in_db"] = sum((await rows_holding(url, SECRETS)).values())
    return figures
