"""The bot token never reaches a log record, a database row or a chat, even when the Bot API (or
a proxy in front of it) answers with an HTML error page that echoes the request path."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiohttp import web

from bot import app as app_module
from bot.clock import ManualClock
from bot.redact import MASK
from bot.telegram.application import build_application, run_due, serve
from bot.telegram.fake import FakeBotAPI, RateLimits
from tests.integration.test_bot_e2e import (
    ADMIN,
    OTHER,
    START,
    STORY,
    USER,
    NoExtraction,
    settings_for,
)

# Invented, in the shape BotFather hands out; the bot id before the colon is public.
TOKEN = "7351902468:AAF-invented_Secret_part-for_this_test"
SECRET = TOKEN.split(":", 1)[1]


class EchoingErrorAPI(FakeBotAPI):
    """The fake Bot API behind a broken gateway: methods named in `broken` get a non-JSON HTML
    error page (with the given HTTP status) that repeats the request path, token included."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(TOKEN, **kwargs)
        self.broken: dict[str, int] = {}
        self.error_pages = 0

    async def _dispatch(self, request: web.Request) -> web.Response:
        status = self.broken.get(request.match_info["method"].lower())
        if status is None:
            return await super()._dispatch(request)
        self.error_pages += 1
        self._changed.set()  # let wait_until() look again
        page = (
            f"<html><head><title>{status} Error</title></head><body><h1>Gateway error</h1>"
            f"<p>The upstream answered nothing for {request.method} {request.path}</p></body></html>"
        )
        return web.Response(status=status, text=page, content_type="text/html")


@pytest.fixture
async def env(storage, tmp_path: Path) -> AsyncIterator[tuple[EchoingErrorAPI, Any, Any]]:
    feed = tmp_path / "wire.xml"
    feed.write_text("<rss version='2.0'><channel><title>Empty</title></channel></rss>")
    app = await app_module.build(
        settings_for(tmp_path, feed.as_uri()),
        storage=storage,
        clock=ManualClock(START),
        storylines=[STORY, OTHER],
        extractor=NoExtraction(),
    )
    async with EchoingErrorAPI(limits=RateLimits(enabled=False)) as api:
        application = build_application(app, TOKEN, base_url=api.base_url, tick_interval=None)
        stop, started = asyncio.Event(), asyncio.Event()
        task = asyncio.create_task(
            serve(application, stop, poll_timeout=1, started=started, deliver_in_background=False)
        )
        await asyncio.wait_for(started.wait(), 10)
        try:
            yield api, app, application
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)
            await app.http.aclose()


async def _every_stored_value(storage: Any) -> list[str]:
    """Every value of every row of every table in the database, as text."""
    values: list[str] = []
    async with storage.engine.connect() as conn:
        names = await conn.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        assert "outbox" in names
        assert "chats" in names
        for name in names:
            table = sa.table(name)
            rows = (await conn.execute(sa.select(sa.text("*")).select_from(table))).all()
            values.extend(str(value) for row in rows for value in row)
    return values


async def test_an_echoed_token_reaches_no_log_row_or_message(env, caplog):
    """Delivery failures (502, 400 and 404 HTML pages) and a failing command reply all carry the
    token in their error text; what is stored in outbox.last_error, noted for /status, shown by
    /status and logged is redacted, and the masking is really exercised (the mask shows up)."""
    api, app, application = env
    caplog.set_level(logging.DEBUG)
    outbox = app.storage.outbox
    clock = app.clock
    # 1. Briefings meet a gateway error page: 502 (retried), 400 (refused), 404 (token refused).
    for n, status in enumerate((502, 400, 404)):
        api.broken = {"sendmessage": status}
        await outbox.enqueue(USER + n, f"briefing {n}", f"briefing:test:{n}", "briefing")
        await run_due(application)
    assert api.error_pages == 3
    rows = [row for n in range(3) for row in await outbox.for_chat(USER + n)]
    assert [r.status for r in rows] == ["pending", "failed", "pending"]
    assert all(r.last_error and MASK in r.last_error for r in rows)
    # 2. A command whose reply meets the error page: on_error notes the failure for /status.
    api.broken = {"sendmessage": 502}
    api.user_sends(ADMIN, "/status")
    await api.wait_until(lambda: api.error_pages >= 5)  # the reply, then the apology
    # 3. The gateway recovers; the admin asks /status and sees the errors, redacted.
    api.broken = {}
    status = (await _send(api, ADMIN, "/status", lambda m: "Recent errors" in m.text)).raw_text
    assert "Bad Gateway" in status
    assert any(MASK in note.message for note in application.bot_data.errors)
    clock.advance(minutes=10)
    await run_due(application)  # the retried briefings go out now
    assert {m.text for m in api.all_messages()} >= {"briefing 0", "briefing 2"}

    for message in api.all_messages():
        assert SECRET not in message.raw_text
        assert SECRET not in message.text
    assert not [v for v in await _every_stored_value(app.storage) if SECRET in v]
    assert caplog.records
    for record in caplog.records:
        assert SECRET not in record.getMessage(), record.getMessage()
        assert SECRET not in (record.exc_text or "")
    assert SECRET not in caplog.text
    assert MASK in caplog.text


async def _send(api: EchoingErrorAPI, chat_id: int, text: str, predicate: Any) -> Any:
    api.user_sends(chat_id, text)
    return await api.wait_for_message(chat_id, predicate, 10)
