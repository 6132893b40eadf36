"""Over a thousand generated updates to the real application through the fake Bot API.

Each update is checked against Telegram's own shape first (`tgshape`); the bot must answer
every one without a traceback, keep answering afterwards, refuse non-admins' admin buttons and
internal feed URLs (the URL policy with `allow_private` off), and never show the token.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import sys
import time
from pathlib import Path
from typing import Any

from bench.reliability import tgshape, updategen
from bench.reliability.botapi import TOKEN, SuiteBotAPI, serving
from bench.reliability.feeds import STORY, StubExtraction, feed_settings
from bench.reliability.observe import Watcher
from bot.config import FeedSettings, Settings, TelegramSettings
from bot.telegram.fake import RateLimits

ADMIN = 900
PEOPLE = updategen.People(
    admin=ADMIN,
    users=tuple(range(2001, 2061)),
    groups=tuple(range(-3005, -3000)),
    supergroups=tuple(-1001000000000 - n for n in range(1, 6)),
    channel=-1001999000001,
    bot_username="attache_test_bot",
)
SORRY = "something went wrong"


def _work_done(api: SuiteBotAPI) -> int:
    """Requests the bot made other than its long poll for updates."""
    return sum(1 for r in api.requests if r.method.lower() != "getupdates")


async def settle(api: SuiteBotAPI, quiet_s: float = 1.0, limit_s: float = 60.0) -> None:
    """Until every update was fetched and the bot has made no other request for `quiet_s`."""
    deadline = time.monotonic() + limit_s
    seen, since = _work_done(api), time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        done = _work_done(api)
        if done != seen or api.pending_updates():
            seen, since = done, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return


def _settings(tmp: Path) -> Settings:
    return Settings(
        database=dataclasses.replace(Settings().database, url=f"sqlite+aiosqlite:///{tmp / 'updates.db'}"),
        feeds=feed_settings(FeedSettings(), allow_private=False),
        # The fake server enforces no flood limits here (the storm part does): the client need not pace.
        telegram=TelegramSettings(
            admins=(ADMIN,), max_retries=3, overall_max_rate=1000.0, group_max_rate=1000.0
        ),
    )


def _prepare_chats(api: SuiteBotAPI) -> None:
    for room in PEOPLE.groups:
        api.add_chat(room, "group")
        api.set_admins(room, [PEOPLE.admin, PEOPLE.users[0]])
    for room in PEOPLE.supergroups:
        api.add_chat(room, "supergroup")
        api.set_admins(room, [PEOPLE.users[1], PEOPLE.admin])
    api.add_chat(PEOPLE.channel, "channel")
    for user in (*PEOPLE.users, PEOPLE.admin):
        api.add_chat(user, "private")


def _generate(api: SuiteBotAPI, rng: random.Random, names: list[str]) -> list[dict[str, Any]]:
    next_id = api.next_message_id
    return [
        *updategen.commands(rng, PEOPLE, next_id, names),
        *updategen.chatter(rng, PEOPLE, next_id),
        *updategen.groups(rng, PEOPLE, next_id, names),
    ]


async def _send(api: SuiteBotAPI, updates: list[dict[str, Any]], figures: dict[str, Any]) -> None:
    for n, payload in enumerate(updates):
        wrong = tgshape.problems({"update_id": 1, **payload})
        if wrong:
            figures["updates_invalid"] += 1
            figures.setdefault("invalid_examples", []).append(wrong[0][:120])
            continue
        if "callback_query" in payload:
            api.push_callback(payload)
        else:
            api.push(payload)
        figures["updates_sent"] += 1
        if n % 100 == 99:
            await settle(api, quiet_s=0.3)


async def run(tmp: Path, watcher: Watcher) -> dict[str, Any]:
    from bot.app import build
    from bot.telegram.application import build_application
    from bot.telegram.handlers.registry import COMMANDS

    settings = _settings(tmp)
    app = await build(settings, storylines=[STORY], extractor=StubExtraction())
    figures: dict[str, Any] = {"updates_sent": 0, "updates_invalid": 0, "crashes": 0}
    rng = random.Random(10)
    names = [c.name for c in COMMANDS]
    try:
        async with SuiteBotAPI(limits=RateLimits(enabled=False)) as api:
            _prepare_chats(api)
            application = build_application(app, TOKEN, base_url=api.base_url, tick_interval=None)
            async with serving(application, figures, watcher, deliver_in_background=False):
                updates = _generate(api, rng, names)
                print(f"sending {len(updates)} updates", file=sys.stderr, flush=True)
                await _send(api, updates, figures)
                await settle(api)
                figures.update(await _callbacks(api, rng, figures))
                figures["bot_silent_after"] = await _still_answers(api)
            figures["error_replies"] = sum(SORRY in m.text for m in api.all_messages()) + sum(
                "did not work" in str(a.get("text") or "") for a in api.callback_answers
            )
            from bench.reliability.leaks import count_in, message_texts

            figures["token_in_messages"] = count_in(message_texts(api), (TOKEN, TOKEN.split(":")[1]))
        stored = [f.url for f in await app.storage.feeds.list()]
        figures["internal_feeds_added"] = sum(1 for url in stored if url != "https://relay.example/rss")
    finally:
        await app.close()
    figures["db_url"] = settings.database.url
    return figures


async def _callbacks(api: SuiteBotAPI, rng: random.Random, figures: dict[str, Any]) -> dict[str, Any]:
    """Forged and stale presses, then presses on messages the user deleted meanwhile."""
    objects = [m for m in api.message_objects() if m.get("reply_markup")]
    presses = updategen.forged_callbacks(rng, PEOPLE, objects, 220)
    await _send(api, presses, figures)
    await settle(api)
    gone = updategen.forged_callbacks(rng, PEOPLE, objects[:20], 20)
    for n, press in enumerate(gone):
        press["callback_query"]["id"] = f"gone-{n}"
        msg = press["callback_query"]["message"]
        api.user_deletes(msg["chat"]["id"], msg["message_id"])
    await _send(api, gone, figures)
    await settle(api)
    unanswered = len([q for q in api._open_queries if q.startswith(("rel-", "gone-"))])
    return {"callbacks_unanswered": unanswered}


async def _still_answers(api: SuiteBotAPI) -> int:
    """After the flood the bot still answers /help in every kind of private chat tried."""
    silent = 0
    for user in PEOPLE.users[:10]:
        api.user_sends(user, "/help")
        try:
            await api.wait_for_message(user, timeout=10)
        except TimeoutError:
            silent += 1
    return silent
