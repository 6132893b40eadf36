"""`attache chat`: the real application against the in-process fake Bot API, driven like a terminal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from bot.commands.chat import Terminal, chat_session, chat_settings
from bot.telegram.fake import BotMessage
from bot.telegram.fake.photos import Photo
from tests.integration.test_bot_e2e import NoExtraction
from tests.integration.test_fake_send_photo import _png


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


def test_a_photo_is_written_to_a_file_and_its_path_printed(tmp_path: Path):
    """The terminal cannot show the map: it prints the caption, the picture's size and the path
    of the PNG it wrote, which holds the bytes the bot sent."""
    png = _png(40, 30)
    message = BotMessage(
        chat_id=4242, message_id=7, text="Lena Hartmann: Gulf tour\n1. Doha", raw_text="",
        parse_mode="HTML", entities=(), reply_markup=None, thread_id=None, date=0,
        photo=Photo("photo-x", "u-x", 40, 30, png),
    )
    out: list[str] = []
    Terminal(api=None, out=out.append, pictures=tmp_path).show(message)
    path = tmp_path / "photo-4242-7.png"
    assert out == ["\n[bot]\nLena Hartmann: Gulf tour\n1. Doha", f"  🖼 photo (40×30, 0 KB): {path}"]
    assert path.read_bytes() == png
    unsaved: list[str] = []
    Terminal(api=None, out=unsaved.append).show(message)
    assert unsaved[1] == "  🖼 photo (40×30, 0 KB)"
