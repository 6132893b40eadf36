"""Buttons under messages that are gone (deleted, or too old to answer) are expected in a live
chat: they are answered or logged briefly, never logged as errors with a traceback."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from telegram.error import BadRequest

from bot.telegram.application import on_error
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv

bot_env = e2e.bot_env  # the real application against the fake Bot API


async def test_a_button_under_a_deleted_message_gets_a_short_answer_not_an_error(
    bot_env: BotEnv, caplog
):
    """The user deletes /storylines' message, then presses one of its buttons: editing fails
    with "message to edit not found"; the press is answered and nothing is logged as an error."""
    caplog.set_level(logging.INFO)
    menu = await bot_env.send(USER, "/storylines")
    data = menu.buttons[0]["callback_data"]
    query_id = bot_env.api.user_presses(USER, menu.message_id, data)
    del bot_env.api._messages[USER][menu.message_id]  # gone before the bot handles the press
    await bot_env.send(USER, "/help", predicate=lambda m: m.text.startswith("What I can do"))
    [answer] = [a for a in bot_env.api.callback_answers if a["callback_query_id"] == query_id]
    assert "gone" in answer["text"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert any("gone" in r.getMessage() for r in caplog.records if r.levelno == logging.INFO)


async def test_on_error_logs_a_too_old_query_as_a_warning_without_traceback(caplog):
    """An expired callback query reaching the error handler is one WARNING line, with no
    traceback, nothing noted for /status and no apology sent."""
    noted: list[object] = []
    context = SimpleNamespace(
        error=BadRequest("Query is too old and response timeout expired or query id is invalid"),
        bot_data=SimpleNamespace(note_error=lambda *args: noted.append(args)),
    )
    caplog.set_level(logging.INFO)
    await on_error(None, context)
    [record] = [r for r in caplog.records if r.name == "bot.telegram.application"]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert noted == []
