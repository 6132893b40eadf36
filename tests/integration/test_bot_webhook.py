"""Webhook mode: setWebhook with a secret, updates POSTed to the bot's own aiohttp endpoint."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from bot import app as app_module
from bot.clock import ManualClock
from bot.telegram.application import build_application, serve
from bot.telegram.fake import DEFAULT_TOKEN, FakeBotAPI
from bot.telegram.webhook import SECRET_HEADER
from tests.integration.test_bot_e2e import OTHER, START, STORY, NoExtraction, settings_for

PUBLIC_URL = "https://bot.example.org/telegram"


def start_update(update_id: int, chat_id: int) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Web"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Web"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_webhook_mode_registers_a_secret_and_answers_posted_updates(storage, tmp_path):
    """setWebhook gets the public URL and a secret; only requests with the secret are handled."""
    app = await app_module.build(
        settings_for(tmp_path, (tmp_path / "none.xml").as_uri()),
        storage=storage,
        clock=ManualClock(START),
        storylines=[STORY, OTHER],
        extractor=NoExtraction(),
    )
    async with FakeBotAPI() as api, httpx.AsyncClient() as client:
        application = build_application(app, DEFAULT_TOKEN, base_url=api.base_url, tick_interval=None)
        stop, started = asyncio.Event(), asyncio.Event()
        task = asyncio.create_task(
            serve(
                application,
                stop,
                mode="webhook",
                webhook_url=PUBLIC_URL,
                listen="127.0.0.1",
                port=0,
                started=started,
                deliver_in_background=False,
            )
        )
        try:
            await asyncio.wait_for(started.wait(), 10)
            server = application.bot_data.webhook
            assert api.webhook["url"] == f"{PUBLIC_URL}/{server.path}"
            assert api.webhook["secret_token"] == server.secret
            local = f"http://127.0.0.1:{server.port}/{server.path}"

            forged = await client.post(local, json=start_update(1, 77), headers={SECRET_HEADER: "guess"})
            assert forged.status_code == 403
            junk = await client.post(local, content=b"{not json", headers={SECRET_HEADER: server.secret})
            assert junk.status_code == 400
            odd = await client.post(local, json={"hello": 1}, headers={SECRET_HEADER: server.secret})
            assert odd.status_code == 400

            ok = await client.post(local, json=start_update(2, 78), headers={SECRET_HEADER: server.secret})
            assert ok.status_code == 200
            reply = await api.wait_for_message(78, since=0)
            assert "Attaché" in reply.text
            assert api.messages(77) == []  # the forged update was never handled
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)
            await app.http.aclose()


async def test_webhook_mode_needs_a_public_https_url(storage, tmp_path):
    """Telegram only calls https:// webhooks; anything else stops at start with the key's name."""
    app = await app_module.build(
        settings_for(tmp_path, (tmp_path / "none.xml").as_uri()),
        storage=storage,
        storylines=[STORY],
        extractor=NoExtraction(),
    )
    application = build_application(app, DEFAULT_TOKEN, base_url="http://127.0.0.1:9/bot", tick_interval=None)
    with pytest.raises(ValueError, match="webhook_url"):
        await serve(application, asyncio.Event(), mode="webhook", webhook_url="http://insecure.example")
    with pytest.raises(ValueError, match="telegram.mode"):
        await serve(application, asyncio.Event(), mode="carrier-pigeon")
    await app.http.aclose()
