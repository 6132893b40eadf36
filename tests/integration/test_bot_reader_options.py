"""End to end: per-chat reader options in /settings change what the chat is sent."""

from __future__ import annotations

from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import FEED_ITEM, USER, BotEnv, buttons

bot_env = e2e.bot_env  # the real application against the fake Bot API

OTHER_USER = 102


def edited(message):
    return lambda m: m.message_id == message.message_id and m.edits > message.edits


def send_params(env: BotEnv, chat_id: int, text: str) -> dict:
    """The parameters of the sendMessage that carried `text` to `chat_id`."""
    [params] = [
        r.params
        for r in env.api.requests
        if r.method.lower() == "sendmessage"
        and int(r.params.get("chat_id", 0)) == chat_id
        and text in str(r.params.get("text", ""))
    ]
    return params


async def test_toggles_hide_why_send_silently_and_show_previews(bot_env: BotEnv):
    """Three buttons switch the options; the next briefing to that chat has no "Why" line, is
    silent and may show a link preview, while another chat's keeps the defaults."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    await bot_env.send(OTHER_USER, "/subscribe gulf-tour-2025")
    menu = await bot_env.send(USER, "/settings")
    assert "Briefings: with “Why it matched”, with notification, no link previews" in menu.text
    assert {"opt:why", "opt:silent", "opt:preview"} <= set(buttons(menu).values())
    answer = await bot_env.press(menu, "opt:why", predicate=edited(menu))
    assert answer["text"] == "🔎 Why it matched: off"
    current = bot_env.current(menu)
    await bot_env.press(current, "opt:silent", predicate=edited(current))
    current = bot_env.current(menu)
    await bot_env.press(current, "opt:preview", predicate=edited(current))
    assert "without “Why it matched”, silent, link previews" in bot_env.current(menu).text
    chat = await bot_env.app.storage.chats.get(USER)
    assert (chat.show_why, chat.silent, chat.link_previews) == (False, True, True)

    bot_env.feed_path.write_text(FEED_ITEM)
    mark = bot_env.api.mark
    await run_due(bot_env.application)
    mine = await bot_env.api.wait_for_message(USER, lambda m: "Hartmann arrives" in m.text, since=mark)
    theirs = await bot_env.api.wait_for_message(OTHER_USER, lambda m: "Hartmann arrives" in m.text, since=mark)
    assert "Why:" not in mine.text
    assert "Why:" in theirs.text
    params = send_params(bot_env, USER, "Hartmann arrives")
    assert params["disable_notification"] is True
    assert params["link_preview_options"] == {"is_disabled": False}
    other = send_params(bot_env, OTHER_USER, "Hartmann arrives")
    assert other.get("disable_notification") in (None, False)
    assert other["link_preview_options"] == {"is_disabled": True}


async def test_a_forged_option_is_refused_and_changes_nothing(bot_env: BotEnv):
    """An option word the menu never offers gets a clear answer; the chat keeps its options."""
    menu = await bot_env.send(USER, "/settings")
    answer = await bot_env.press(menu, "opt:loud")
    assert "not offered" in answer["text"]
    chat = await bot_env.app.storage.chats.get(USER)
    assert (chat.show_why, chat.silent, chat.link_previews) == (True, False, False)


async def test_a_silent_chat_gets_its_catch_up_silently(bot_env: BotEnv):
    """Options apply to the catch-up after /resume as to any briefing."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    menu = await bot_env.send(USER, "/settings")
    await bot_env.press(menu, "opt:silent", predicate=edited(menu))
    await bot_env.send(USER, "/pause")
    bot_env.feed_path.write_text(FEED_ITEM)
    await run_due(bot_env.application)
    await bot_env.send(USER, "/resume")
    mark = bot_env.api.mark
    await run_due(bot_env.application)
    await bot_env.api.wait_for_message(USER, lambda m: "While this chat was paused" in m.text, since=mark)
    assert send_params(bot_env, USER, "While this chat was paused")["disable_notification"] is True
