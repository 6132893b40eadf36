"""The fake Bot API takes sendPhoto as Telegram does: a multipart upload (or a file_id it issued),
within 10 MB and Telegram's dimensions, with a caption of at most 1,024 UTF-16 units after
entity parsing; faults get Telegram's own error answers. Driven through the real PTB Bot and raw
HTTP on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import os

import httpx
import pytest
from PIL import Image
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter

from bot.telegram.fake import FakeBotAPI, RateLimits
from bot.telegram.fake.photos import MAX_PHOTO_BYTES

CHAT = 4242


def _png(width: int, height: int, *, noise: bool = False) -> bytes:
    """An image made here; `noise` makes it incompressible, so its size can be chosen."""
    image = (Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)) if noise
             else Image.new("RGB", (width, height), (30, 90, 170)))
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=0 if noise else 6)
    return buf.getvalue()


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta retry_after (else PTB warns, and warnings are errors here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def api():
    async with FakeBotAPI(limits=RateLimits(enabled=False)) as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI):
    async with Bot(api.token, base_url=api.base_url) as ptb_bot:
        yield ptb_bot


async def test_an_uploaded_png_becomes_a_photo_message_with_its_caption(bot: Bot, api: FakeBotAPI) -> None:
    """PTB uploads with multipart/form-data; the answer has the photo's size and the caption's
    text and entities; the driver keeps the bytes, so tests can read the picture back."""
    data = _png(640, 480)
    sent = await bot.send_photo(CHAT, data, caption="<b>Route</b> &amp; stops",
                                parse_mode=ParseMode.HTML, filename="route.png")
    assert sent.caption == "Route & stops"
    assert [(e.type, e.offset, e.length) for e in sent.caption_entities] == [("bold", 0, 5)]
    assert (sent.photo[-1].width, sent.photo[-1].height) == (640, 480)
    assert sent.photo[-1].file_size == len(data)
    assert sent.text is None
    stored = api.messages(CHAT)[-1]
    assert stored.photo is not None
    assert stored.photo.data == data
    assert stored.text == "Route & stops"
    assert api.counters.sent == 1


async def test_a_photo_sent_before_can_be_sent_again_by_file_id(bot: Bot, api: FakeBotAPI) -> None:
    """The file_id of an earlier photo is accepted without a new upload; an unknown one is not."""
    first = await bot.send_photo(CHAT, _png(100, 80))
    again = await bot.send_photo(CHAT + 1, first.photo[-1].file_id)
    assert again.photo[-1].file_unique_id == first.photo[-1].file_unique_id
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier/HTTP URL specified"):
        await bot.send_photo(CHAT, "AgACAgIAAxkBAAnotaknownid")


async def test_a_photo_url_is_refused_since_the_server_never_reaches_out(bot: Bot) -> None:
    """Telegram would fetch a URL; this server does not leave 127.0.0.1, and says it failed."""
    with pytest.raises(BadRequest, match=r"(?i)failed to get HTTP URL content"):
        await bot.send_photo(CHAT, "https://images.example/route.png")


async def test_a_photo_over_10_mb_is_refused(bot: Bot, api: FakeBotAPI) -> None:
    """An upload just over 10 MB is refused as Telegram refuses it; nothing is sent."""
    big = _png(1900, 1860, noise=True)  # about 10.6 MB uncompressed
    assert len(big) > MAX_PHOTO_BYTES
    with pytest.raises(BadRequest, match=r"(?i)PHOTO_SAVE_FILE_INVALID"):
        await bot.send_photo(CHAT, big)
    assert api.messages(CHAT) == []


@pytest.mark.parametrize(("width", "height"), [(9000, 1001), (2100, 100)])
async def test_dimensions_out_of_telegrams_bounds_are_refused(bot: Bot, width: int, height: int) -> None:
    """Width + height over 10,000, or one side more than 20 times the other: refused."""
    with pytest.raises(BadRequest, match=r"(?i)PHOTO_INVALID_DIMENSIONS"):
        await bot.send_photo(CHAT, _png(width, height))


@pytest.mark.parametrize("data", [b"not an image at all", _png(50, 50)[:60]])
async def test_bytes_that_are_not_a_whole_image_are_refused(bot: Bot, data: bytes) -> None:
    """Text, or a PNG cut short, cannot be processed."""
    with pytest.raises(BadRequest, match=r"(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(CHAT, data, filename="broken.png")


async def test_the_caption_limit_is_1024_utf16_units_after_parsing(bot: Bot) -> None:
    """1,024 units of text inside tags pass (the tags do not count); 1,025 do not; an emoji
    outside the BMP counts two."""
    data = _png(60, 40)
    ok = await bot.send_photo(CHAT, data, caption="<b>" + "a" * 1024 + "</b>", parse_mode=ParseMode.HTML)
    assert len(ok.caption) == 1024
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_photo(CHAT, data, caption="a" * 1025)
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_photo(CHAT, data, caption="a" * 1023 + "🗺")


async def test_bad_caption_html_is_cant_parse_entities(bot: Bot) -> None:
    """A caption in HTML parse mode is checked like a message text."""
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_photo(CHAT, _png(60, 40), caption="<b>open", parse_mode=ParseMode.HTML)


async def test_raw_multipart_attach_uri_and_a_missing_photo(api: FakeBotAPI) -> None:
    """The photo may come as attach://name pointing at a file part; no photo at all is refused."""
    url = f"{api.base_url}{api.token}/sendPhoto"
    async with httpx.AsyncClient() as http:
        ok = await http.post(url, data={"chat_id": str(CHAT), "photo": "attach://map"},
                             files={"map": ("map.png", _png(30, 20), "image/png")})
        missing = await http.post(url, data={"chat_id": str(CHAT), "caption": "no picture"})
    assert ok.status_code == 200
    assert ok.json()["result"]["photo"][0]["width"] == 30
    assert missing.status_code == 400
    assert json.loads(missing.text)["description"] == "Bad Request: there is no photo in the request"


async def test_a_photo_message_has_no_text_to_edit(bot: Bot) -> None:
    """editMessageText on a photo is refused as Telegram refuses it."""
    sent = await bot.send_photo(CHAT, _png(60, 40), caption="map")
    with pytest.raises(BadRequest, match=r"(?i)there is no text in the message to edit"):
        await bot.edit_message_text("new text", CHAT, sent.message_id)


async def test_photos_count_against_the_per_chat_flood_limit() -> None:
    """A photo is a message to Telegram's flood limits: a burst in one private chat draws 429."""
    async with FakeBotAPI() as api, Bot(api.token, base_url=api.base_url) as bot:
        data = _png(60, 40)
        for _ in range(3):  # the private chat's burst
            await bot.send_photo(CHAT, data)
        with pytest.raises(RetryAfter):
            await bot.send_photo(CHAT, data)
        assert api.counters.rejected_429 == 1
