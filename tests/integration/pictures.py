"""What the picture tests check of a photo sent after a text answer (a /timeline map, a /who graph)."""

from __future__ import annotations

import io

from PIL import Image

from bot.telegram.fake.driver import BotMessage
from bot.tgtext.units import MAX_CAPTION_UTF16, utf16_len
from tests.integration.test_bot_e2e import BotEnv

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The first picture of a process loads matplotlib's fonts (and a map the gazetteer's towns);
# the machine running the tests may be shared.
DRAW_WAIT_S = 60.0


async def photo_after(bot_env: BotEnv, chat_id: int, text: BotMessage, size: tuple[int, int]) -> BotMessage:
    """The photo that follows the answer `text`: a PNG of `size` pixels (as uploaded and as
    Telegram reports it), its caption Telegram HTML within a caption's limit."""
    photo = await bot_env.api.wait_for_message(chat_id, lambda m: m.photo is not None, DRAW_WAIT_S)
    assert photo.message_id > text.message_id
    assert photo.photo is not None
    assert photo.photo.data.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(photo.photo.data)) as image:
        assert image.format == "PNG"
        assert image.size == size
    assert (photo.photo.width, photo.photo.height) == size
    assert photo.parse_mode == "HTML"
    assert utf16_len(photo.text) <= MAX_CAPTION_UTF16
    return photo


async def sent_until_help(bot_env: BotEnv, chat_id: int) -> list[BotMessage]:
    """Everything the bot sent the chat before it answers a /help sent now (a chat's updates are
    handled in order, so a command's whole answer, pictures included, is in)."""
    done = await bot_env.send(chat_id, "/help")
    return [m for m in bot_env.api.messages(chat_id) if m.message_id < done.message_id]
