"""`attache chat`: the real application against the in-process fake Bot API, driven like a terminal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from bot.commands.chat import chat_session, chat_settings
from tests.integration.test_bot_e2e import NoExtraction


async def _lines(*lines: str) -> AsyncIterator[str]:
    for line in lines:
        yield line


async def test_chat_shows_buttons_as_numbers_and_a_number_presses_the_button(tmp_path: Path):
    """/start lists numbered buttons; typing 1 subscribes (edited message, toast shown)."""
    out: list[str] = []
    settings = chat_settings(tmp_path / "chat.db")
    terminal = await chat_session(
        settings,
        _lines("/start", "1", "/mysubs", "9", "quit", "/never-sent"),
        out.append,
        extractor=NoExtraction(),
        tick_interval=None,
        reply_wait=10,
    )
    text = "\n".join(out)
    assert "Attaché — your diplomatic news briefings" in text
    assert "  1. ➕" in text
    assert "— Subscribe" in text
    assert "[bot (edited)]" in text
    assert "  1. ✅" in text
    assert "This chat follows" in text
    assert "(no button 9;" in text
    assert "never-sent" not in text  # input after "quit" is not read
    assert terminal.choices  # the last keyboard shown is still pressable


async def test_chat_user_is_an_admin_of_the_offline_bot(tmp_path: Path):
    """In the terminal the user may try admin commands such as /status."""
    out: list[str] = []
    await chat_session(
        chat_settings(tmp_path / "chat.db"),
        _lines("/status"),
        out.append,
        extractor=NoExtraction(),
        tick_interval=None,
        reply_wait=10,
    )
    assert "Outbox: 0 waiting" in "\n".join(out)
